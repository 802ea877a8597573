# Takwin — messages en français.
#
# Chaque message part en mode HTML de Telegram : seules les balises <b>, <i>,
# <a>, <code>, et jamais de « & », « < » ou « > » nus dans le texte.
# Les variables sont remplies par src/i18n.rs, qui échappe le texte saisi.
# Devant « : ; ! ? » l'espace est insécable (U+00A0), pour qu'un téléphone
# ne renvoie jamais le signe seul à la ligne.

## Inscription

welcome-stranger =
    Bienvenue sur <b>Takwin</b>, le programme de formation continue des élus de la Région Fès-Meknès.

    Je ne vous connais pas encore. Pour rejoindre le programme, ouvrez le lien d'invitation personnel qui vous a été envoyé, ou appuyez sur le bouton ci-dessous pour partager votre numéro de téléphone.

button-share-phone = 📱 Partager mon numéro de téléphone

join-refused-code =
    Ce lien d'invitation n'est pas valide, ou il est déjà utilisé par un autre compte.
    Vérifiez le lien, ou contactez le service de la formation continue de la Région.

join-refused-phone =
    Désolé, ce numéro ne figure pas sur la liste du programme.
    Les organisateurs en ont été informés.

join-refused-not-own-contact = Ce contact n'est pas le vôtre. Seul votre propre numéro peut être utilisé : appuyez sur le bouton ci-dessous.

join-already-linked = Ce compte Telegram est déjà lié à { $name }.

join-welcome =
    Bienvenue, <b>{ $name }</b> !
    Vous êtes inscrit(e) en tant que { $role }, { $body }.

## Langue

language-prompt = Veuillez choisir votre langue :
language-set = Votre langue est désormais le français. Envoyez /help pour voir ce que vous pouvez faire.
language-name-ar = العربية
language-name-fr = Français
language-name-en = English

## Aide et profil

help-official =
    <b>Ce que vous pouvez faire</b>
    /my — mes prochains ateliers et mes réponses
    /history — les ateliers suivis ou manqués
    /me — votre profil
    /language — changer de langue
    /help — cette liste
    /stop — ne plus recevoir les messages du programme

help-organiser =
    { help-official }

    <b>Pour les organisateurs</b>
    /workshops — ateliers à venir et réponses
    /checkin — ouvrir l'émargement de l'atelier du jour
    /joined — qui a rejoint, par commune
    /audit — dernières actions des organisateurs

me-profile =
    <b>Votre profil</b>
    Nom : { $name }
    Fonction : { $role }, { $body }
    Province : { $province }
    Téléphone : { $phone }
    Langue : { $language }

## Départ

stop-confirm = Délier ce compte Telegram du programme ? Vous ne recevrez plus d'invitations ni de rappels.
button-stop-yes = Oui, délier
button-stop-no = Non, garder
stop-done = C'est fait : ce compte n'est plus lié au programme. Pour revenir, ouvrez à nouveau votre lien d'invitation personnel, ou envoyez /start et partagez votre numéro.
stop-kept = Rien n'a changé : vous restez lié(e) au programme.

## Refus et erreurs

organiser-only = Cette commande est réservée aux organisateurs du programme.
not-joined = Vous n'êtes pas encore lié(e) au programme. Ouvrez votre lien d'invitation personnel, ou envoyez /start et partagez votre numéro.
unknown-input = Désolé, je n'ai pas compris. Envoyez /help pour voir ce que vous pouvez faire.
error-generic = Désolé, un problème est survenu de notre côté. Veuillez réessayer dans un instant.
# Alerte en texte brut quand on appuie sur un ancien bouton (pas de HTML, 200 caractères au plus).
button-stale = Ce bouton n'est plus valable. Envoyez /help pour voir ce que vous pouvez faire.

## Organisateurs

alert-refused-join =
    ⚠️ <b>Inscription refusée</b>
    Qui : { $who }
    Motif : { $reason }

refusal-reason-unknown-code = code d'invitation inconnu ou déjà utilisé
refusal-reason-unknown-phone = numéro absent de la liste
refusal-reason-foreign-contact = a partagé le contact d'une autre personne
refusal-reason-no-code = a ouvert le bot sans lien d'invitation

# En français, 0 et 1 prennent le singulier (catégorie CLDR « one »).
joined-summary =
    { $joined ->
        [one] <b>{ $joined }</b> élu sur { $total } a rejoint le programme.
       *[other] <b>{ $joined }</b> élus sur { $total } ont rejoint le programme.
    }

joined-line = • { $body } : { $joined }/{ $total }

people-count =
    { $count ->
        [one] { $count } personne
       *[other] { $count } personnes
    }

audit-empty = Aucune action d'organisateur enregistrée pour l'instant.
audit-line = { $when } — { $who } : { $action }

## Fonctions

role-president = Président de la commune
role-vice_president = Vice-président
role-councillor = Conseiller
role-finance_staff = Cadre chargé des finances et du budget
role-province_staff = Cadre de la province
role-secretary_general = Secrétaire général de la province

## Menu des commandes Telegram (texte brut, 256 caractères au plus)

cmd-start = Rejoindre le programme ou recommencer
cmd-help = Ce que je peux faire pour vous
cmd-me = Votre profil
cmd-language = Changer de langue
cmd-stop = Délier ce compte du programme
cmd-joined = Qui a rejoint, par commune (organisateurs)
cmd-audit = Dernières actions des organisateurs (organisateurs)

body-provincial-council = Conseil provincial
body-province-services = Services de la province ({ $province })

## Ateliers de formation

workshop-invitation =
    📅 <b>Invitation à un atelier de formation</b>
    <b>{ $title }</b>
    🕘 { $when }
    📍 { $venue }

    Merci de confirmer votre présence avant le { $deadline }. Le fichier d'agenda est joint.
workshop-reminder =
    ⏰ <b>Rappel</b> : atelier <b>{ $title }</b>
    🕘 { $when }
    📍 { $venue }
workshop-promoted =
    🎉 Une place s'est libérée pour l'atelier <b>{ $title }</b> ({ $when }).
    Votre présence est maintenant confirmée.
button-rsvp-yes = ✅ Je serai présent(e)
button-rsvp-no = ❌ Je ne pourrai pas venir
rsvp-confirmed = Votre présence est confirmée. Merci !
rsvp-waiting = L'atelier est complet : vous êtes sur la liste d'attente (rang { $position }). Nous vous préviendrons si une place se libère.
rsvp-declined = Votre absence est notée. Vous pouvez changer d'avis avant la date limite de réponse.
rsvp-reason-prompt = Souhaitez-vous nous dire pourquoi ? (facultatif)
rsvp-reason-thanks = Merci, la raison est enregistrée.
button-reason-session = Session du conseil
button-reason-travel = Déplacement
button-reason-health = Santé
button-reason-other = Autre raison
rsvp-refused-cancelled = Cet atelier a été annulé : il n'est plus possible d'y répondre.
rsvp-refused-not-invited = Cette invitation ne vous est pas adressée.
rsvp-refused-started = L'atelier a commencé : il n'est plus possible de répondre.
rsvp-refused-deadline-passed = La date limite de réponse à cette invitation est passée.
rsvp-refused-reason-too-long = La raison est trop longue.
workshop-moved =
    🔁 <b>Changement de date</b> pour l'atelier <b>{ $title }</b>
    🕘 Nouvelle date : { $when }
    📍 { $venue }

    Votre réponse est conservée ; vous pouvez la changer avant le { $deadline }. Le fichier d'agenda mis à jour est joint.
workshop-cancelled =
    🚫 <b>L'atelier</b> <b>{ $title }</b> prévu le { $when } <b>est annulé</b>.
    Nous vous prions de nous excuser ; nous vous informerons des prochaines sessions.

cmd-my = Mes prochains ateliers et mes réponses
cmd-workshops = Ateliers à venir et réponses (organisateurs)
workshops-empty = Aucun atelier à venir.
workshops-line =
    <b>{ $number }. { $title }</b> — { $when }
    ✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
workshop-details =
    📊 <b>{ $title }</b> — { $when }
    Invités : { $invited } · ✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
workshop-commune-line = • { $body } : ✅ { $yes } · ❌ { $no } · ❔ { $pending }
button-nudge = 🔔 Relancer ceux qui n'ont pas répondu ({ $count })
nudge-queued =
    { $count ->
        [0] Personne à relancer aujourd'hui.
        [one] { $count } personne sera relancée.
       *[other] { $count } personnes seront relancées.
    }
workshop-nudge =
    🔔 Nous n'avons pas encore votre réponse pour l'atelier <b>{ $title }</b> ({ $when }).
    Merci de répondre avant le { $deadline }.
my-empty = Vous n'êtes invité(e) à aucun atelier à venir.
my-line =
    <b>{ $title }</b>
    🕘 { $when } · 📍 { $venue }
    { $answer }
my-answer-confirmed = ✅ Présence confirmée
my-answer-waiting = ⏳ Sur liste d'attente
my-answer-declined = ❌ Vous avez décliné
my-answer-no_answer = ❔ Pas encore répondu

cmd-checkin = Ouvrir l'émargement de l'atelier du jour (organisateurs)
checkin-none-today = Aucun atelier dans les prochaines 24 heures.
checkin-choose = Choisissez l'atelier dont vous ouvrez l'émargement :
checkin-opened =
    📍 <b>Émargement ouvert</b> : { $title }
    Affichez ce code dans la salle : <b>{ $code }</b>
    Les participants envoient le code au bot, ou scannent le QR code.
    Fermeture : { $closes }.
checkin-done = ✅ Votre présence à l'atelier <b>{ $title }</b> est enregistrée. Bienvenue !
checkin-wrong-code = Ce code n'est pas le bon. Vérifiez le code affiché dans la salle et réessayez.
checkin-not-open-yet = L'émargement de cet atelier n'est pas encore ouvert.
checkin-closed = L'émargement de cet atelier est fermé.
checkin-too-many = Trop de codes erronés. Vous pourrez réessayer à partir de { $when }.

cmd-history = Les ateliers suivis ou manqués
history-empty = Aucun atelier passé auquel vous étiez invité(e).
history-line = • <b>{ $title }</b> — { $when } : { $came }
history-came = ✅ présent(e)
history-missed = ❌ absent(e)
evaluation-request =
    🙏 Merci d'avoir participé à l'atelier <b>{ $title }</b>.
    Comment l'évaluez-vous, de 1 (faible) à 5 (excellent) ?
evaluation-reminder = Rappel : votre avis sur l'atelier <b>{ $title }</b> nous est précieux. Quelle note lui donnez-vous ?
evaluation-thanks = Merci ! Votre note est enregistrée : { $score }/5.
evaluation-not-present = L'évaluation est réservée aux participants de l'atelier.
missed-you = Vous nous avez manqué à l'atelier <b>{ $title }</b>. Voici les prochains ateliers ouverts pour vous :
missed-you-next = • <b>{ $title }</b> — { $when }
missed-you-none = Vous nous avez manqué à l'atelier <b>{ $title }</b>. Nous vous informerons des prochaines sessions.
workshop-outcome = Présents : { $present } · Évaluation : { $mean }/5 ({ $count })
button-roll-call = 📋 Appel
roll-call = 📋 Appel : touchez un nom pour marquer la présence ou l'annuler.
