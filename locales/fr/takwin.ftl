# Takwin — messages en français.
#
# Chaque message part en mode HTML de Telegram : seules les balises <b>, <i>,
# <a>, <code>, et jamais de « & », « < » ou « > » nus dans le texte.
# Les variables sont remplies par src/i18n/mod.rs, qui échappe le texte saisi.
# Devant « : ; ! ? » l'espace est insécable (U+00A0), pour qu'un téléphone
# ne renvoie jamais le signe seul à la ligne.
#
# La voix : l'administration de la Région écrit aux élus. « Nous », jamais
# « je » ; des phrases construites autour de la chose plutôt que de la
# personne (« Inscription confirmée », pas « Vous êtes inscrit(e) ») ; les
# boutons, eux, parlent au nom de l'élu (« Je viendrai »).
#
# Chaque nombre de choses passe par un sélecteur ({ $n -> [one] … *[other] … }) :
# en français 0 et 1 prennent le singulier. Seuls les chiffres d'un tableau de
# bord (« ✅ 20/40 », « Présents : 12 ») restent nus.
#
# Fès et Meknès sont des préfectures, les autres des provinces :
# $province_kind vaut « prefecture » ou « province ».

## Inscription

welcome-stranger =
    Bienvenue sur <b>Takwin</b>, le programme de formation continue des élus de la Région Fès-Meknès.

    Ce compte Telegram n'est pas encore relié au programme. Pour le relier, ouvrez le lien d'invitation personnel reçu du programme, ou appuyez sur le bouton ci-dessous pour partager votre numéro de téléphone.

button-share-phone = 📱 Partager mon numéro de téléphone

join-refused-code =
    Ce lien d'invitation n'est pas valide, ou il a déjà servi à relier un autre compte.
    Vérifiez le lien, ou contactez le service de la formation continue de la Région.

join-refused-phone =
    Ce numéro ne figure pas sur la liste du programme.
    Si la liste porte un autre numéro pour vous, ouvrez plutôt le lien d'invitation personnel reçu du programme ; sinon, le service de la formation continue de la Région pourra vous renseigner. Les organisateurs en ont été informés.

join-refused-not-own-contact = Ce contact n'est pas le vôtre. Seul votre propre numéro peut être utilisé : appuyez sur le bouton ci-dessous.

join-already-linked = Ce compte Telegram est déjà lié à { $name }. Envoyez /help pour voir ce que vous pouvez faire.

join-welcome =
    Bienvenue, <b>{ $name }</b> !
    Inscription confirmée : { $person_title }.

## Langue

language-prompt = Veuillez choisir votre langue :
language-set = Langue choisie : français. Envoyez /help pour voir ce que vous pouvez faire.
language-name-ar = العربية
language-name-fr = Français
language-name-en = English
# A language named within a sentence ("le texte en arabe").
language-called-ar = arabe
language-called-fr = français
language-called-en = anglais

## Aide et profil

# /help : sous chaque titre, les lignes des commandes que le lecteur peut utiliser
# (src/telegram/menu.rs les choisit, comme son menu de commandes). Chaque ligne nomme sa commande.
help-section-own = <b>Ce que vous pouvez faire</b>
help-section-organiser = <b>Pour les organisateurs</b>
help-section-finance-officer = <b>Pour le service financier de la Région</b>
help-section-secretary-general = <b>Pour les secrétaires généraux des provinces et préfectures</b>
help-line-my = /my — vos prochains ateliers et vos réponses
help-line-history = /history — les ateliers suivis ou manqués
help-line-my_training = /my_training — votre parcours de formation et vos attestations
help-line-commune = /commune — le financement de votre commune : convention et contribution
help-line-commune-council = /commune — le financement de votre conseil : convention et contribution
help-line-help = /help — cette liste
help-line-me = /me — votre profil
help-line-language = /language — changer de langue
help-line-stop = /stop — ne plus recevoir les messages du programme
help-line-workshops = /workshops — ateliers à venir et réponses
help-line-new_workshop = /new_workshop — créer un atelier, pas à pas
help-line-checkin = /checkin — ouvrir l'émargement de l'atelier du jour
help-line-joined = /joined — qui a rejoint, par commune
help-line-broadcast = /broadcast — rédiger une annonce, la prévisualiser, l'envoyer ou la programmer
help-line-broadcasts = /broadcasts — annonces et leur envoi
help-line-contributions = /contributions — le financement par province : conventions approuvées, contributions versées
help-line-report = /report — les graphiques du programme
help-line-audit = /audit — dernières actions des organisateurs
help-line-declarations = /declarations — virements et approbations déclarés, à vérifier
help-line-report-province = /report — les graphiques du programme dans votre { $province_kind ->
        [prefecture] préfecture
       *[province] province
    }

# Dit à une personne inscrite quand une nomination est accordée ou retirée (takwin
# organiser add|remove, takwin finance-officer add) : /help donne alors ses commandes et met
# son menu de commandes à jour.
help-appointed-organiser = ✅ Nomination enregistrée : ce compte fait désormais partie des organisateurs du programme. Envoyez /help pour voir les commandes correspondantes ; le menu des commandes est mis à jour en même temps.
help-appointed-finance_officer = ✅ Nomination enregistrée : ce compte fait désormais partie du service financier de la Région, qui vérifie les déclarations des communes et des conseils. Envoyez /help pour voir les commandes correspondantes ; le menu des commandes est mis à jour en même temps.
help-withdrawn-organiser = Nomination retirée : ce compte ne fait plus partie des organisateurs du programme. Envoyez /help pour voir les commandes qui restent ; le menu des commandes est mis à jour en même temps.
help-withdrawn-finance_officer = Nomination retirée : ce compte ne fait plus partie du service financier de la Région. Envoyez /help pour voir les commandes qui restent ; le menu des commandes est mis à jour en même temps.

me-profile =
    <b>Votre profil</b>
    Nom : { $name }
    Fonction : { $person_title }
    { $province_kind ->
        [prefecture] Préfecture
       *[province] Province
    } : { $province }
    Téléphone : { $phone }
    Langue : { $language }

## Départ

stop-confirm = Délier ce compte Telegram du programme ? Les invitations et les rappels ne lui parviendront plus.
button-stop-yes = Oui, délier
button-stop-no = Non, garder
stop-done = Compte délié du programme : invitations et rappels ne lui parviendront plus. Pour revenir, ouvrez à nouveau votre lien d'invitation personnel, ou envoyez /start et partagez votre numéro.
stop-kept = Rien n'a changé : ce compte reste lié au programme.

## Refus et erreurs

organiser-only = Cette commande est réservée aux organisateurs du programme. Envoyez /help pour voir ce que vous pouvez faire.
not-joined = Ce compte n'est pas encore lié au programme. Ouvrez votre lien d'invitation personnel, ou envoyez /start et partagez votre numéro.
unknown-input = Ce message n'a pas été compris. Envoyez /help pour voir ce que vous pouvez faire.
error-generic = Un problème est survenu de notre côté. Veuillez réessayer dans un instant.
# Alerte en texte brut quand on appuie sur un ancien bouton (pas de HTML, 200 caractères au plus).
button-stale = Ce bouton n'est plus valable. Envoyez /help pour voir ce que vous pouvez faire.
button-not-yours = Ce bouton appartient à un message adressé à une autre personne : sans effet pour vous, et ce message reste inchangé. Merci d'utiliser les messages qui vous sont adressés.

## Organisateurs

alert-refused-join =
    ⚠️ <b>Inscription refusée</b>
    Qui : { $who }
    Motif : { $reason }

refusal-reason-unknown-code = code d'invitation inconnu ou déjà utilisé
refusal-reason-unknown-phone = numéro absent de la liste
refusal-reason-foreign-contact = a partagé le contact d'une autre personne
refusal-reason-no-code = a ouvert le bot sans lien d'invitation

# Tout le monde de la liste : élus, cadres et secrétaires généraux.
joined-summary =
    { $joined ->
        [one] <b>{ $joined }</b> personne sur { $total } a rejoint le programme.
       *[other] <b>{ $joined }</b> personnes sur { $total } ont rejoint le programme.
    }

joined-line = • { $body } : { $joined }/{ $total }
joined-unreachable =
    { $count ->
        [0] ⛔ Personne n'a bloqué le bot.
        [one] ⛔ { $count } personne a bloqué le bot et ne reçoit plus nos messages :
       *[other] ⛔ { $count } personnes ont bloqué le bot et ne reçoivent plus nos messages :
    }
joined-unreachable-line = • { $name } — { $body }, depuis le { $since }

people-count =
    { $count ->
        [one] { $count } personne
       *[other] { $count } personnes
    }

audit-empty = Aucune action d'organisateur enregistrée pour l'instant.
audit-line = { $when } — { $who } : { $action }

## Fonctions

# Les fonctions au pluriel, en bref : boutons et description d'un public.
audience-role-president = Présidents
audience-role-vice_president = Vice-présidents
audience-role-councillor = Conseillers
audience-role-finance_staff = Cadres financiers
audience-role-province_staff = Cadres de la province
audience-role-secretary_general = Secrétaires généraux

## Menu des commandes Telegram (texte brut, 256 caractères au plus)

cmd-start = Rejoindre le programme ou recommencer
cmd-help = Ce que vous pouvez faire ici
cmd-me = Votre profil
cmd-language = Changer de langue
cmd-stop = Délier ce compte du programme
cmd-joined = Qui a rejoint, par commune (organisateurs)
cmd-audit = Dernières actions des organisateurs (organisateurs)

# Le nom d'une province ou d'une préfecture, dans un titre ou une liste.
province-name =
    { $province_kind ->
        [prefecture] Préfecture { $of_province }
       *[province] Province { $of_province }
    }
body-provincial-council =
    { $province_kind ->
        [prefecture] Conseil préfectoral { $of_province }
       *[province] Conseil provincial { $of_province }
    }
body-province-services =
    { $province_kind ->
        [prefecture] Services de la préfecture { $of_province }
       *[province] Services de la province { $of_province }
    }

## Titre d'une personne et formule d'appel
# $role : code du rôle ; $gender : f, m ou unknown (forme neutre « Président(e) » quand la
# liste ne le dit pas) ; $body_kind : commune, council ou services.
person-body =
    { $body_kind ->
        [commune] de la commune { $of_body }
        [council] { $province_kind ->
            [prefecture] du conseil préfectoral { $of_province }
           *[province] du conseil provincial { $of_province }
        }
       *[services] { $province_kind ->
            [prefecture] de la préfecture { $of_province }
           *[province] de la province { $of_province }
        }
    }
person-title =
    { $role ->
        [president] { $gender ->
            [f] Présidente
            [m] Président
           *[unknown] Président(e)
        } { person-body }
        [vice_president] { $gender ->
            [f] Vice-présidente
            [m] Vice-président
           *[unknown] Vice-président(e)
        } { person-body }
        [councillor] { $gender ->
            [f] Conseillère
            [m] Conseiller
           *[unknown] Conseiller(ère)
        } { $body_kind ->
            [commune] { $gender ->
                [f] communale
                [m] communal
               *[unknown] communal(e)
            } { $of_body }
            [council] { $province_kind ->
                [prefecture] { $gender ->
                    [f] préfectorale
                    [m] préfectoral
                   *[unknown] préfectoral(e)
                }
               *[province] { $gender ->
                    [f] provinciale
                    [m] provincial
                   *[unknown] provincial(e)
                }
            } { $of_province }
           *[services] { person-body }
        }
        [finance_staff] Responsable des finances et du budget { person-body }
        [province_staff] Cadre { person-body }
       *[secretary_general] { $gender ->
            [f] Secrétaire générale
            [m] Secrétaire général
           *[unknown] Secrétaire général(e)
        } { person-body }
    }
# Formule d'appel des lettres : « Madame la Présidente de la commune d'Agourai, ».
salutation =
    { $role ->
        [province_staff] { $gender ->
            [f] Madame,
            [m] Monsieur,
           *[unknown] Madame, Monsieur,
        }
       *[president] { $gender ->
            [f] Madame la { person-title },
            [m] Monsieur le { person-title },
           *[unknown] Madame, Monsieur,
        }
    }
# Signature des lettres : qui écrit.
letter-sender = — Conseil de la Région Fès-Meknès, service de la formation continue

## Ateliers de formation

# $topic est vide, ou une ligne de plus (workshop-topic-line) qui commence par
# un saut de ligne.
workshop-invitation =
    📅 <b>Invitation à un atelier de formation</b>
    <b>{ $title }</b>{ $topic }
    🕘 { $when }
    📍 { $venue }

    Merci de répondre avant le { $deadline }, que vous veniez ou non : chaque réponse nous aide à organiser l'atelier. Le fichier d'agenda est joint.
workshop-topic-line = 📄 <i>{ $topic }</i>
workshop-reminder =
    ⏰ <b>Rappel</b> : atelier <b>{ $title }</b>
    🕘 { $when }
    📍 { $venue }
workshop-promoted =
    ✅ Une place s'est libérée pour l'atelier <b>{ $title }</b> ({ $when }) : présence confirmée.
    En cas d'empêchement, merci de nous le signaler par le bouton « { button-rsvp-no } » de l'invitation, ou dans /my : la place reviendra à la personne suivante sur la liste d'attente.
button-rsvp-yes = ✅ Je viendrai
button-rsvp-no = ❌ Je ne pourrai pas venir
rsvp-confirmed = Présence confirmée. Merci !
rsvp-waiting = L'atelier est complet : inscription sur la liste d'attente (rang { $position }). Nous vous préviendrons si une place se libère.
rsvp-declined = Absence notée. La réponse reste modifiable jusqu'à la date limite, avec ces mêmes boutons.
rsvp-reason-prompt = Souhaitez-vous nous en indiquer la raison ? (facultatif)
rsvp-reason-thanks = Merci, la raison est enregistrée. En cas de changement, la réponse reste modifiable dans /my jusqu'à la date limite.
button-reason-session = Session du conseil
button-reason-travel = Déplacement
button-reason-health = Santé
button-reason-other = Autre raison
rsvp-refused-cancelled = Cet atelier a été annulé : il n'est plus possible d'y répondre.
rsvp-refused-not-invited = Cette invitation ne vous est pas adressée.
rsvp-refused-started = L'atelier a commencé : il n'est plus possible de répondre.
rsvp-refused-deadline-passed = La date limite de réponse à cette invitation est passée. Pour tout changement, merci de contacter le service de la formation continue de la Région.
rsvp-refused-reason-too-long = La raison est trop longue.
workshop-moved =
    🔁 <b>Changement de date</b> pour l'atelier <b>{ $title }</b>
    🕘 Nouvelle date : { $when }
    📍 { $venue }

    Votre réponse est conservée ; elle reste modifiable jusqu'au { $deadline }. Le fichier d'agenda mis à jour est joint.
workshop-cancelled =
    🚫 <b>Atelier annulé</b> : <b>{ $title }</b>, prévu le { $when }.
    Nous vous prions de nous excuser de ce changement ; les prochains ateliers vous seront annoncés ici.

cmd-my = Vos prochains ateliers et vos réponses
cmd-workshops = Ateliers à venir et réponses (organisateurs)
workshops-empty = Aucun atelier à venir. Pour en créer un : /new_workshop
workshops-line =
    <b>{ $number }. { $title }</b> — { $when }
    ✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
button-workshop = 📊 { $number }. { $title }
workshop-details =
    📊 <b>{ $title }</b> — { $when }
    Invités : { $invited } · ✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
workshop-commune-line = • { $body } : ✅ { $yes } · ❌ { $no } · ❔ { $pending }
workshop-commune-line-held = • { $body } : 📍 présents : { $present } · ✅ { $yes } · ❌ { $no } · ❔ { $pending }
button-nudge = 🔔 Relancer les réponses en attente ({ $count })
nudge-queued =
    { $count ->
        [0] Personne à relancer aujourd'hui.
        [one] { $count } relance part.
       *[other] { $count } relances partent.
    }
workshop-nudge =
    🔔 Nous n'avons pas encore reçu votre réponse pour l'atelier <b>{ $title }</b> ({ $when }).
    Merci de répondre avant le { $deadline }.
my-empty = Aucune invitation à un atelier à venir. Les prochaines invitations vous parviendront ici.
my-line =
    <b>{ $title }</b>
    🕘 { $when } · 📍 { $venue }
    { $answer }
my-answer-confirmed = ✅ Présence confirmée
my-answer-waiting = ⏳ Sur liste d'attente
my-answer-declined = ❌ Absence annoncée
my-answer-no_answer = ❔ Pas encore de réponse

cmd-checkin = Ouvrir l'émargement de l'atelier du jour (organisateurs)
checkin-none-today = Aucun atelier dans les prochaines 24 heures. Les ateliers à venir : /workshops
checkin-choose = Choisissez l'atelier dont vous ouvrez l'émargement :
button-checkin-workshop = 📍 { $number }. { $title }
checkin-opened =
    📍 <b>Émargement ouvert</b> : { $title }
    Affichez ce code dans la salle : <b>{ $code }</b>
    Les participants envoient le code au bot, ou scannent le code QR.
    Fermeture : { $closes }.
checkin-done =
    ✅ Présence à l'atelier <b>{ $title }</b> enregistrée. Bienvenue !
    L'attestation de présence vous sera envoyée ici à la fin de l'atelier.
checkin-wrong-code = Ce code n'est pas le bon. Vérifiez le code affiché dans la salle et réessayez.
checkin-not-open-yet = L'émargement de cet atelier n'est pas encore ouvert. Merci d'envoyer le code une fois qu'il sera affiché dans la salle.
checkin-closed = L'émargement de cet atelier est fermé. En cas de présence à l'atelier, merci de le signaler aux organisateurs, qui peuvent encore l'enregistrer.
checkin-open-too-early = L'émargement s'ouvre au plus tôt trois heures avant le début de l'atelier.
checkin-open-over = Cet atelier est terminé : son émargement est clos.
checkin-cancelled = Cet atelier a été annulé : pas d'émargement.
checkin-too-many = Trop de codes erronés. Nouvel essai possible à partir du { $when }.

cmd-history = Les ateliers suivis ou manqués
history-empty = Aucune invitation à un atelier passé.
history-line = • <b>{ $title }</b> — { $when } : { $came }
history-came = ✅ présence
history-missed = ❌ absence
evaluation-request =
    🙏 Merci d'avoir participé à l'atelier <b>{ $title }</b>.
    Quelle note lui donnez-vous, de 1 (faible) à 5 (excellent) ?
evaluation-reminder = Rappel : votre avis sur l'atelier <b>{ $title }</b> nous est précieux. Quelle note lui donnez-vous ?
evaluation-thanks = Merci ! Note enregistrée : { $score }/5.
evaluation-not-present = L'évaluation est réservée aux participants de l'atelier. En cas de présence non enregistrée, merci de le signaler aux organisateurs.
evaluation-not-started = Cet atelier n'a pas encore commencé : son évaluation sera possible une fois qu'il aura eu lieu.
missed-you = Nous regrettons votre absence à l'atelier <b>{ $title }</b>. Voici les prochains ateliers ouverts pour vous :
missed-you-next = • <b>{ $title }</b> — { $when }
missed-you-none = Nous regrettons votre absence à l'atelier <b>{ $title }</b>. Nous vous informerons des prochains ateliers.
# $mean est la note moyenne déjà écrite (« 4,3 ») ; $count le nombre de notes.
workshop-outcome =
    Présents : { $present } · Absents : { $absent } · Sans invitation : { $walk_ins }
    { $count ->
        [0] Évaluation : aucune note pour l'instant
        [one] Évaluation : { $mean }/5 ({ $count } note)
       *[other] Évaluation : { $mean }/5 ({ $count } notes)
    }
button-roll-call = 📋 Appel
roll-call = 📋 Appel : touchez un nom pour marquer la présence ou l'annuler.
# $tick : ✅ présent, ⬜ pas encore.
button-roll-call-person = { $tick } { $name }

## Créer un atelier (/new_workshop)

cmd-new_workshop = Créer un atelier, pas à pas (organisateurs)
new-workshop-header = 🆕 <b>Nouvel atelier</b> · question { $step } sur { $total }
new-workshop-ask-title = Quel est le <b>titre</b> de l'atelier ?
new-workshop-ask-topic = De <b>quoi</b> traite-t-il ? Quelques lignes pour les invités, ou touchez « Passer ».
new-workshop-ask-date = Quel <b>jour</b> ? Écrivez la date ainsi : { $example }.
new-workshop-ask-time = À quelle <b>heure</b> commence-t-il (heure du Maroc) ? Touchez une heure ou écrivez-la, par exemple 09:30.
new-workshop-ask-venue = <b>Où</b> a-t-il lieu ?
new-workshop-ask-audience =
    <b>Qui est invité ?</b> Touchez les fonctions et les lieux pour les choisir ; sans choix, tout le monde est invité. Toucher une province ou une préfecture affiche ses communes.

    Invités : { $audience }
    👥 <b>{ people-count }</b>
new-workshop-ask-capacity = Combien de <b>places</b> ? Une fois les places prises, les « oui » vont en liste d'attente. Touchez un nombre ou écrivez-le.
new-workshop-ask-reminders = Quand envoyer les <b>rappels</b> ? Touchez « Par défaut » pour 7 jours, 1 jour et 2 heures avant, ou écrivez les vôtres, par exemple 3j, 1j, 3h (j = jours, h = heures).
new-workshop-ask-deadline = Jusqu'à quand les invités peuvent-ils <b>répondre</b> ? Touchez « Par défaut » pour le { $default }, ou écrivez une date et une heure, par exemple { $example_deadline }.
new-workshop-cancel-hint = <i>/cancel pour arrêter ; rien n'est enregistré avant votre confirmation.</i>
new-workshop-province = <b>{ $province }</b> : touchez une commune pour la choisir ou la retirer.
new-workshop-summary =
    📝 <b>Vérifiez l'atelier</b>
    <b>{ $title }</b>
    📄 { $topic }
    🕘 { $when }
    📍 { $venue }
    👥 { $audience } : <b>{ people-count }</b>
    💺 Places : { $capacity }
    ⏰ Rappels : { $reminders } avant
    ✋ Réponses jusqu'au { $deadline }
new-workshop-edit-which = Que voulez-vous modifier ?
new-workshop-use-buttons = Utilisez les boutons ci-dessous : confirmer, modifier une réponse ou annuler.
new-workshop-no-topic = (sans sujet)
new-workshop-created =
    ✅ L'atelier n° { $number } <b>{ $title }</b> est créé.
    { $invited ->
        [0] Personne n'est invité.
        [one] { $invited } personne est invitée.
       *[other] { $invited } personnes sont invitées.
    } { $queued ->
        [0] Aucune invitation ne part encore : chacun recevra la sienne en rejoignant le programme.
        [one] { $queued } invitation part ; les autres invités recevront la leur en rejoignant le programme.
       *[other] { $queued } invitations partent ; les autres invités recevront la leur en rejoignant le programme.
    }
workshop-unreachable-note =
    { $count ->
        [0] Aucun invité n'a bloqué le bot.
        [one] ⚠️ { $count } invité a bloqué le bot : son invitation partira s'il nous écrit de nouveau.
       *[other] ⚠️ { $count } invités ont bloqué le bot : leurs invitations partiront s'ils nous écrivent de nouveau.
    }
new-workshop-cancelled = Création de l'atelier annulée : rien n'a été enregistré.
dialogue-stale = Ce bouton appartient à une étape déjà quittée, ou à un échange terminé. Utilisez le dernier message.
new-workshop-nobody = Personne dans la liste ne correspond à ce choix. Choisissez d'autres fonctions ou d'autres lieux.
# $field : title, topic, date, time, venue, audience, capacity, reminders, deadline.
new-workshop-outdated =
    Du temps a passé depuis vos réponses : { $field ->
        [title] le titre est à redonner.
        [topic] le sujet est à redonner.
        [date] le jour est à redonner.
        [time] l'heure est à redonner.
        [venue] le lieu est à redonner.
        [audience] les invités sont à choisir de nouveau.
        [capacity] le nombre de places est à redonner.
        [reminders] les rappels sont à redonner.
       *[deadline] la date limite de réponse est à redonner.
    }
new-workshop-field-title = Titre
new-workshop-field-topic = Sujet
new-workshop-field-date = Date
new-workshop-field-time = Heure
new-workshop-field-venue = Lieu
new-workshop-field-audience = Invités
new-workshop-field-capacity = Places
new-workshop-field-reminders = Rappels
new-workshop-field-deadline = Date limite
button-skip = Passer ›
button-default = Par défaut ›
button-back = ‹ Retour
button-new-workshop-cancel = ✖ Annuler
button-new-workshop-confirm = ✅ Confirmer et envoyer les invitations
button-new-workshop-edit = ✏️ Modifier une réponse
button-audience-everyone = Tout le monde
button-audience-done = ✅ Valider ({ $count })
# $chosen : combien de ses communes sont choisies.
button-province =
    { $chosen ->
        [0] { $province } ›
       *[other] { $province } ({ $chosen }) ›
    }
button-whole-province =
    { $province_kind ->
        [prefecture] { $province } — toute la préfecture
       *[province] { $province } — toute la province
    }
button-workshop-details = 📊 Suivre les réponses
button-new-workshop = ➕ Nouvel atelier
audience-all-roles = toutes fonctions
audience-everywhere = toute la région
offset-days =
    { $n ->
        [one] { $n } jour
       *[other] { $n } jours
    }
offset-hours =
    { $n ->
        [one] { $n } heure
       *[other] { $n } heures
    }
offset-minutes =
    { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    }
nothing-to-cancel = Il n'y a rien en cours à annuler.

workshop-error-title-empty = Le titre ne peut pas être vide.
workshop-error-title-too-long =
    { $chars ->
        [one] Le titre compte { $chars } caractère
       *[other] Le titre compte { $chars } caractères
    } ; { $max } au plus, s'il vous plaît.
workshop-error-topic-too-long =
    { $chars ->
        [one] Le sujet compte { $chars } caractère
       *[other] Le sujet compte { $chars } caractères
    } ; { $max } au plus, s'il vous plaît.
workshop-error-western-digits-only = « { $input } » : écrivez les nombres avec les chiffres 0 à 9.
workshop-error-bad-date = « { $input } » n'est pas une date. Écrivez-la ainsi : 20/01/2027.
workshop-error-no-such-date = « { $input } » n'est pas un jour du calendrier.
workshop-error-day-in-past = Le { $date } est déjà passé.
workshop-error-date-too-far = Le { $date } est trop lointain ; le dernier jour possible est le { $latest }.
workshop-error-bad-time = « { $input } » n'est pas une heure. Écrivez-la ainsi : 09:00, 9h ou 9h30.
workshop-error-impossible-time = « { $input } » n'est pas une heure de la journée (heures de 0 à 23, minutes de 0 à 59).
workshop-error-skipped-time = Le { $shown } n'existe pas : l'horloge saute cette heure-là ce jour-là. Choisissez une autre heure, par exemple { $suggested }.
workshop-error-date-in-past = Le { $shown } est déjà passé.
workshop-error-venue-empty = Le lieu ne peut pas être vide.
workshop-error-venue-too-long =
    { $chars ->
        [one] Le lieu compte { $chars } caractère
       *[other] Le lieu compte { $chars } caractères
    } ; { $max } au plus, s'il vous plaît.
workshop-error-bad-capacity = « { $input } » n'est pas un nombre de places.
workshop-error-capacity-zero = Un atelier a besoin d'au moins une place.
workshop-error-capacity-too-large =
    { $max ->
        [one] { $max } place au plus.
       *[other] { $max } places au plus.
    }
workshop-error-bad-reminder = « { $input } » n'est pas un délai de rappel. Écrivez des jours, heures ou minutes avant, par exemple 7j, 1j, 2h.
workshop-error-too-many-reminders =
    { $max ->
        [one] { $max } rappel au plus.
       *[other] { $max } rappels au plus.
    }
workshop-error-bad-deadline = « { $input } » n'est pas une date et une heure. Écrivez-les ainsi : 19/01/2027 18:00.
workshop-error-deadline-in-past = Le { $shown } est déjà passé.
workshop-error-deadline-not-before-start = La date limite de réponse (le { $shown }) doit précéder le début de l'atelier (le { $start }).
# $field : audience (seul le public se choisit uniquement avec des boutons).
workshop-error-use-buttons =
    { $field ->
       *[audience] Les invités se choisissent avec les boutons.
    }
# $field : la réponse qui manque encore.
workshop-error-asked-too-early =
    { $field ->
        [title] Il faut d'abord le titre.
        [topic] Il faut d'abord le sujet.
        [date] Il faut d'abord le jour.
        [time] Il faut d'abord l'heure.
        [venue] Il faut d'abord le lieu.
        [audience] Il faut d'abord choisir les invités.
        [capacity] Il faut d'abord le nombre de places.
        [reminders] Il faut d'abord les rappels.
       *[deadline] Il faut d'abord la date limite de réponse.
    }
workshop-error-line-break = « { $field } » : une seule ligne, sans retour à la ligne ni tabulation (caractère { $position }). Merci de saisir le texte à nouveau.
workshop-error-control-character = « { $field } » : caractère de contrôle invisible ({ $code }, caractère { $position }), impossible à enregistrer. Merci de saisir le texte à nouveau, sans ce caractère.
workshop-error-bidi-control = « { $field } » : caractère de contrôle du sens d'écriture ({ $code }, caractère { $position }), qui peut faire paraître le texte autrement qu'il n'est écrit. Merci de saisir le texte à nouveau, sans ce caractère.
workshop-error-invisible = « { $field } » : aucun caractère visible, seulement des espaces ou des caractères invisibles. Merci de saisir le texte à nouveau.

## Participants sans invitation et commentaires

button-walk-in = ➕ Une personne non invitée
walk-in-prompt = Qui est venu à l'atelier <b>{ $title }</b> sans invitation ? Écrivez une partie de son nom, ou son numéro de téléphone. /cancel pour arrêter.
walk-in-none = Personne dans la liste ne correspond à « { $typed } » (ou sa présence est déjà notée). Essayez une autre orthographe, ou le numéro de téléphone.
walk-in-matches =
    { $count ->
        [0] Personne ne correspond à « { $typed } ».
        [one] Une personne correspond à « { $typed } » : touchez son nom pour noter sa présence.
       *[other] { $count } personnes correspondent à « { $typed } » : touchez la bonne pour noter sa présence.
    }
button-walk-in-person = { $name } — { $body }
walk-in-added = ✅ Présence de { $name } notée à l'atelier <b>{ $title }</b>.
walk-in-cancelled = Recherche arrêtée : personne n'a été ajouté.
evaluation-comment-prompt = Si vous le souhaitez, écrivez un commentaire dans votre prochain message : ce qui vous a été utile, ce qui peut être amélioré.
button-no-comment = Pas de commentaire
evaluation-comment-thanks = Merci, le commentaire est enregistré. Vos prochains ateliers : /my ; vos attestations : /my_training.
evaluation-comment-skipped = Entendu, sans commentaire. Vos prochains ateliers : /my ; vos attestations : /my_training.
evaluation-error-comment-too-long =
    { $chars ->
        [one] Ce commentaire compte { $chars } caractère
       *[other] Ce commentaire compte { $chars } caractères
    } ; { $max } au plus, s'il vous plaît. Raccourcissez-le et renvoyez-le.
evaluation-error-bad-score = « { $input } » n'est pas une note de 1 à 5.
evaluation-error-comment-control-character = Commentaire non enregistré : il contient un caractère de contrôle invisible. Merci de le saisir à nouveau et de le renvoyer.
evaluation-error-comment-bidi-control = Commentaire non enregistré : il contient un caractère de contrôle du sens d'écriture, qui peut faire paraître le texte autrement qu'il n'est écrit. Merci de le saisir à nouveau et de le renvoyer.
evaluation-error-comment-invisible = Commentaire non enregistré : aucun caractère visible. Merci de l'écrire à nouveau et de le renvoyer.
workshop-comments = 💬 <b>Commentaires</b>
workshop-comment-line = • { $score }/5 — { $comment }

## Déplacer ou annuler un atelier depuis la conversation

button-reschedule = 🔁 Changer la date
button-cancel-workshop = 🚫 Annuler l'atelier
reschedule-ask-date = 🔁 Nouvelle date pour l'atelier <b>{ $title }</b> (actuellement le { $when }) ? Écrivez le jour ainsi : { $example }. /cancel pour arrêter.
reschedule-ask-time = À quelle heure le { $date } ? Touchez une heure ou écrivez-la, par exemple 09:30.
reschedule-confirm =
    🔁 Déplacer l'atelier <b>{ $title }</b>
    du { $old }
    au <b>{ $new }</b> ?
    { $count ->
        [0] Personne n'est invité pour l'instant.
        [one] L'invité sera prévenu avec le nouveau fichier d'agenda ; sa réponse est conservée et modifiable jusqu'au { $deadline }.
       *[other] Les { $count } invités seront prévenus avec le nouveau fichier d'agenda ; les réponses sont conservées et modifiables jusqu'au { $deadline }.
    }
button-reschedule-confirm = ✅ Confirmer la nouvelle date
reschedule-done =
    ✅ L'atelier <b>{ $title }</b> a désormais lieu le { $when }. { $told ->
        [0] Personne n'est à prévenir.
        [one] { $told } invité est en train d'être prévenu.
       *[other] { $told } invités sont en train d'être prévenus.
    }
reschedule-cancelled = Changement de date abandonné : rien n'a changé.
workshop-change-refused-cancelled = Cet atelier est annulé : il ne peut plus être modifié.
workshop-change-refused-started = Cet atelier a déjà commencé : il ne peut plus être modifié.
workshop-change-refused-past = La nouvelle date est déjà passée. Merci d'en choisir une plus tardive.
workshop-not-found = Atelier introuvable : le bouton n'est peut-être plus à jour.
cancel-workshop-confirm =
    🚫 Annuler l'atelier <b>{ $title }</b> ({ $when }) ?
    { $count ->
        [0] Personne n'est invité pour l'instant. C'est définitif.
        [one] L'invité sera prévenu et ses rappels supprimés. C'est définitif.
       *[other] Les { $count } invités seront prévenus et leurs rappels supprimés. C'est définitif.
    }
button-cancel-workshop-sure = 🚫 Oui, l'annuler
button-keep-workshop = Non, le garder
cancel-workshop-done =
    🚫 L'atelier <b>{ $title }</b> est annulé. { $told ->
        [0] Personne n'est à prévenir.
        [one] { $told } invité est en train d'être prévenu.
       *[other] { $told } invités sont en train d'être prévenus.
    }
cancel-workshop-kept = Rien n'a changé : l'atelier est maintenu.
workshop-coming = ✅ <b>Présence confirmée</b> ({ $count }) :
workshop-waiting = ⏳ <b>Liste d'attente</b>, dans l'ordre ({ $count }) :
workshop-pending = ❔ <b>Pas encore de réponse</b> ({ $count }) :
workshop-person-line = • { $name } — { $body }
workshop-more-people =
    { $count ->
        [one] … et { $count } autre personne
       *[other] … et { $count } autres personnes
    }
button-seats = 💺 Places
seats-ask =
    💺 <b>{ $title }</b> : { $capacity ->
        [one] { $capacity } place
       *[other] { $capacity } places
    }, { $yes ->
        [one] { $yes } présence confirmée
       *[other] { $yes } présences confirmées
    }, { $waiting ->
        [one] { $waiting } personne en liste d'attente
       *[other] { $waiting } personnes en liste d'attente
    }. Combien de places désormais ? Touchez un nombre ou écrivez-le.
seats-done =
    💺 L'atelier <b>{ $title }</b> compte désormais { $capacity ->
        [one] { $capacity } place
       *[other] { $capacity } places
    }. { $promoted ->
        [0] Personne n'attendait de place.
        [one] Une personne passe de la liste d'attente à une place et en est avertie.
       *[other] { $promoted } personnes passent de la liste d'attente à une place et en sont averties.
    }
seats-over =
    ⚠️ { $over ->
        [one] { $over } présence confirmée dépasse
       *[other] { $over } présences confirmées dépassent
    } le nouveau nombre : aucune place déjà donnée n'est reprise, et la liste d'attente n'avancera qu'une fois des places libérées.
seats-cancelled = Nombre de places inchangé.
my-line-open =
    <b>{ $title }</b>
    🕘 { $when } · 📍 { $venue }
    { $answer } — réponse possible ou modifiable jusqu'au { $deadline }.
my-more =
    { $count ->
        [one] … et { $count } autre atelier à venir.
       *[other] … et { $count } autres ateliers à venir.
    }
# Funding
funding-status-header = 💰 <b>Financement du programme — { $body }</b>
funding-agreement-pending = • Convention de financement : pas encore approuvée par le conseil.
funding-agreement-declared = • Convention de financement : approbation déclarée, en attente de vérification par la Région.
funding-agreement-approved = • Convention de financement : approuvée par le conseil le { $date }.
funding-contribution = • Contribution : { $due } dus au { $date } ; versés et vérifiés : { $paid } ; reste dû : { $outstanding }.
funding-contribution-overpaid = • Contribution : { $due } dus ; versés et vérifiés : { $paid }, soit { $excess } de plus que le montant dû.
funding-contribution-none = • Contribution : pas encore fixée.
funding-declared = • Déclaré, en attente de vérification par la Région : { $declared }.
funding-nothing-owed = ✅ Plus rien n'est en attente : convention approuvée et contribution versée. Merci.
funding-copy = Ce message est adressé à la présidence du conseil, qui y répond ; copie vous en est transmise pour information.
# Comment verser la contribution, tel que les organisateurs l'ont écrit (takwin contributions payment-instructions).
funding-payment-instructions =
    🏦 <b>Versement de la contribution</b>
    { $instructions }
funding-payment-instructions-default =
    🏦 <b>Versement de la contribution</b>
    La contribution est versée au compte du Conseil de la Région Fès-Meknès ouvert auprès de la Trésorerie générale du Royaume, selon la procédure d'exécution des dépenses des collectivités territoriales. Pour les références du compte ou toute question, merci de contacter le service de la formation continue de la Région.
payment-instructions-refused = Modalités de versement non enregistrées : { $problem }
funding-answer-prompt = Une fois la convention approuvée par le conseil ou le virement effectué, merci de nous en informer. Un rappel plus tard peut aussi être demandé.
button-funding-remind-week = 🗓 Rappel dans une semaine
button-funding-remind-fortnight = 🗓 Dans deux semaines
button-funding-contact = 📞 Être contacté
funding-promise-done = C'est noté : pas de nouveau rappel avant le { $date }.
funding-contact-done = Votre demande a été transmise aux organisateurs, qui prendront contact avec vous.
funding-presidents-only = Seul le président répond pour la commune ou le conseil.
funding-no-body = Ceci concerne les présidents des communes et des conseils.
alert-funding-contact =
    📞 <b>Demande de contact</b> au sujet du financement du programme
    { $name } — { $person_title }
    Téléphone : { $phone }
    Merci de rappeler à ce numéro.
cmd-commune = Le financement de votre commune
cmd-commune-council = Le financement de votre conseil
button-funding-transfer = 💸 Virement effectué
funding-transfer-ask-amount = Quel montant a été viré ? Merci de l'écrire en dirhams, par exemple 12 500,00. (/cancel pour arrêter)
funding-transfer-ask-reference = Merci d'écrire la référence bancaire du virement.
money-error-empty = Aucun montant n'a été écrit.
money-error-not-an-amount = Ceci n'est pas un montant en dirhams : écrivez-le 12500 ou 12 500,00.
money-error-ambiguous = Ce montant peut se lire en milliers ou en décimales : écrivez 12500 ou 12 500,00 pour douze mille cinq cents dirhams, et 12,50 pour douze dirhams cinquante.
money-error-too-precise = Un montant s'arrête aux centimes : deux chiffres au plus après la virgule, par exemple 12 500,50.
money-error-not-positive = Le montant doit être supérieur à zéro.
money-error-too-large = Ce montant est trop élevé : merci de le vérifier.
funding-transfer-declared = Déclaration enregistrée : { $amount }, référence { $reference }. Le service financier de la Région la vérifiera ; vous en serez informé.
funding-transfer-already = Virement déjà enregistré : { $amount }, référence { $reference }. Un virement n'est enregistré qu'une fois ; rien n'a été ajouté.
# $standing : verified ou declared.
funding-reference-taken = Référence { $reference } déjà enregistrée pour cette collectivité : { $amount } le { $date }, { $standing ->
        [verified] vérifié par la Région
       *[declared] déclaré, en attente de vérification par la Région
    }. Un virement n'est enregistré qu'une fois : rien n'a été ajouté.
funding-corrected-by-region = En cas d'erreur dans ces informations, merci d'en informer le service financier de la Région, qui les corrigera (« Être contacté » sous /commune). Un autre virement a sa propre référence : merci de la vérifier.
funding-correct-with = En cas d'erreur dans ces informations, correction par : { $command }
# $field : reference, session ou decision.
funding-text-empty = { $field ->
        [reference] Référence
        [session] Session
       *[decision] Numéro de délibération
    } vide : merci de l'écrire.
funding-text-too-long = { $field ->
        [reference] Référence
        [session] Session
       *[decision] Numéro de délibération
    } de { $chars ->
        [one] { $chars } caractère
       *[other] { $chars } caractères
    } ; { $max } au plus, merci.
funding-text-line-break = { $field ->
        [reference] Référence
        [session] Session
       *[decision] Numéro de délibération
    } : une seule ligne, sans retour à la ligne ni tabulation (caractère { $position }). Merci de saisir le texte à nouveau.
funding-text-control-character = { $field ->
        [reference] Référence
        [session] Session
       *[decision] Numéro de délibération
    } : caractère de contrôle invisible ({ $code }, caractère { $position }), impossible à enregistrer. Merci de saisir le texte à nouveau, sans ce caractère.
funding-text-bidi-control = { $field ->
        [reference] Référence
        [session] Session
       *[decision] Numéro de délibération
    } : caractère de contrôle du sens d'écriture ({ $code }, caractère { $position }), qui peut faire paraître le texte autrement qu'il n'est écrit. Merci de saisir le texte à nouveau, sans ce caractère.
funding-text-invisible = { $field ->
        [reference] Référence
        [session] Session
       *[decision] Numéro de délibération
    } : aucun caractère visible, seulement des espaces ou des caractères invisibles. Merci de saisir le texte à nouveau.
funding-transfer-cancelled = Déclaration annulée : rien n'a été enregistré.
funding-declared-alert = 💸 { $body } déclare un virement de { $amount } (référence { $reference }). Pour le vérifier : /declarations
declarations-none = Aucune déclaration n'attend de vérification.
declaration-line = 💸 { $body } : { $amount }, référence { $reference }, déclaré le { $date }.
button-declaration-confirm = ✅ Confirmer
button-declaration-reject = ❌ Rejeter
declaration-ask-reason = Pour quelle raison ce virement est-il rejeté ? Le président recevra votre réponse. (/cancel pour arrêter)
declaration-confirmed = ✅ Virement confirmé ; le président en est informé.
declaration-rejected = ❌ Virement rejeté ; le président en connaît la raison.
declaration-already = Cette déclaration a déjà été confirmée ou rejetée.
declaration-reject-cancelled = Aucun rejet n'a été enregistré.
funding-payment-confirmed = ✅ Votre virement de { $amount } (référence { $reference }) est confirmé par la Région. Merci.
funding-payment-rejected = ❌ Votre virement de { $amount } (référence { $reference }) n'a pas pu être confirmé : { $reason }. Merci de vérifier auprès de votre service financier ; les rappels reprennent entre-temps.
finance-only = Ceci est réservé aux cadres financiers de la Région. Envoyez /help pour voir ce que vous pouvez faire.
cmd-declarations = Déclarations à vérifier (service financier)
contributions-header = 💰 <b>Financement du programme</b>
contributions-region = Toute la région
contributions-line =
    <b>{ $name }</b> : { $bodies ->
        [one] { $bodies } collectivité
       *[other] { $bodies } collectivités
    }, convention approuvée par { $approved } ; versement complet { $full }, partiel { $partly }, aucun { $nothing }.
    Dû { $due } ; versé { $paid } ; reste dû { $outstanding }.
cmd-contributions = Le financement par province ou préfecture (organisateurs, service financier)
button-funding-approved = ✅ Approuvée par le conseil
funding-approval-ask-date = À quelle date le conseil a-t-il approuvé la convention de financement ? Merci d'écrire la date, par exemple 12/05/2026. (/cancel pour arrêter)
funding-approval-bad-date = Ceci n'est pas un jour du calendrier : écrivez-le 12/05/2026.
funding-approval-declared = Déclaration enregistrée : approbation de la convention par le conseil le { $date }. Le service financier de la Région la vérifiera ; vous en serez informé.
funding-day-in-future = Date du { $date } postérieure à aujourd'hui ({ $today }) : seuls un virement effectué ou un vote tenu sont enregistrés. Merci de vérifier la date.
funding-day-before-programme = Date du { $date } antérieure au début du programme ({ $earliest }). Merci de vérifier la date, en particulier l'année.
funding-approval-already = Approbation déjà enregistrée : vote du conseil du { $date }. Rien n'a été ajouté.
# $standing : verified ou declared.
funding-approval-stands = Approbation de la convention de financement déjà enregistrée pour cette collectivité : vote du conseil du { $date }, { $standing ->
        [verified] vérifié par la Région
       *[declared] déclaré, en attente de vérification par la Région
    }. Une seule approbation par collectivité : rien n'a été ajouté.
funding-approval-alert = ✅ { $body } déclare l'approbation de la convention de financement par son conseil le { $date }. Pour la vérifier : /declarations
declaration-approval-line = ✅ { $body } : convention approuvée par le conseil le { $date }.
funding-approval-confirmed = ✅ L'approbation de la convention de financement par votre conseil le { $date } est confirmée par la Région. Merci.
funding-approval-rejected = ❌ L'approbation de la convention déclarée pour le { $date } n'a pas pu être confirmée : { $reason }. Les rappels reprennent entre-temps.
# $month : le mois (et l'année) de la prochaine session ordinaire du conseil du lecteur.
funding-session-reminder = 🏛 Votre conseil tient sa session ordinaire en { $month }, au cours de la première semaine du mois. Nous vous serions reconnaissants d'inscrire la convention de financement du programme à l'ordre du jour de cette session.
funding-escalation-header =
    ⚠️ <b>Financement du programme — { $province }</b>
    { $bodies ->
        [one] { $bodies } collectivité n'a pas répondu
       *[other] { $bodies } collectivités n'ont pas répondu
    } à { $n ->
        [one] un rappel
       *[other] { $n } rappels ou plus
    }.
funding-escalation-line = • <b>{ $body }</b> : { $count ->
        [one] { $count } rappel sans réponse
       *[other] { $count } rappels sans réponse
    }.
funding-escalation-outstanding = Reste dû : { $outstanding }.
funding-escalation-agreement = Convention de financement non encore approuvée.
funding-escalation-president = { $gender ->
        [f] Présidente
        [m] Président
       *[unknown] Président(e)
    } : { $name }, { $phone }
funding-escalation-footer = Nous vous serions reconnaissants de bien vouloir en assurer le suivi. Les organisateurs de la Région reçoivent le même état.
funding-summary-header = 📊 <b>Financement du programme : point de la semaine</b>
funding-summary-silent = ⚠️ { $bodies ->
        [one] { $bodies } collectivité n'a pas répondu
       *[other] { $bodies } collectivités n'ont pas répondu
    } à { $n ->
        [one] un rappel
       *[other] { $n } rappels ou plus
    } ; la liste en a été adressée aux secrétaires généraux des provinces concernées.
funding-summary-none-silent = Aucune collectivité n'est restée sans réponse à { $n ->
        [one] un rappel
       *[other] { $n } rappels
    }.
contributions-body-line = { $agreement ->
        [approved] ✅
        [declared] ⏳
       *[pending] ▫️
    } <b>{ $body }</b> : convention { $agreement ->
        [approved] approuvée
        [declared] déclarée, en attente de vérification
       *[pending] non approuvée
    } ; versé { $paid } sur { $due } ; reste dû { $outstanding }.
funding-approval-ask-session = Au cours de quelle session le conseil a-t-il voté ? Merci de la choisir, ou de l'écrire.
council-session-january = Session ordinaire de janvier
council-session-february = Session ordinaire de février
council-session-may = Session ordinaire de mai
council-session-june = Session ordinaire de juin
council-session-september = Session ordinaire de septembre
council-session-october = Session ordinaire d'octobre
council-session-extraordinary = Session extraordinaire
# A session button of a month the reader's kind of council does not sit in (an alert: plain text).
council-session-not-held = Ce conseil ne tient pas de session ordinaire ce mois-là. Merci de choisir l'une des sessions proposées.
funding-approval-ask-decision = Quel est le numéro de la délibération du conseil (par exemple 12/2026) ? Merci de l'écrire, ou de choisir « Sans numéro ».
button-approval-no-decision = Sans numéro
declaration-approval-session = Session : { $session }
declaration-approval-decision = Délibération n° { $decision }
funding-transfer-ask-receipt = Merci d'envoyer, si vous en disposez, une photo de l'avis de virement ; sinon, choisissez « Sans reçu ».
button-funding-no-receipt = Sans reçu

## Announcements
broadcast-refused-empty-audience = Ce public ne compte personne dans la liste : rien n'a été envoyé.
broadcast-refused-past = Cette heure est déjà passée : rien n'a été programmé.
broadcast-refused-never = Cette règle de répétition ne tombe à aucune date : rien n'a été programmé.
broadcast-refused-not-found = Aucune annonce ne porte ce numéro.
broadcast-refused-cancelled = Cette annonce a déjà été annulée.
broadcast-refused-sent = Cette annonce a déjà été envoyée à tous : il n'y a plus rien à annuler.
broadcast-refused-empty = L'annonce est sans texte : rien n'a été envoyé.
broadcast-refused-too-long = L'annonce dépasse ce que Telegram permet dans un message (4 096 caractères, 1 024 sous une photo ou un document) : merci de la raccourcir.
broadcast-refused-control-character = L'annonce contient un caractère de contrôle invisible ({ $code }, caractère { $position }) qui ne peut être envoyé : merci de la saisir à nouveau, sans ce caractère.
broadcast-refused-bidi-control = L'annonce contient un caractère de contrôle du sens d'écriture ({ $code }, caractère { $position }), qui peut la faire paraître autrement qu'elle n'est écrite : merci de la saisir à nouveau, sans ce caractère.
broadcast-formatting-less-than = Mise en forme de l'annonce refusée au caractère { $position } : un signe &lt; y est lu comme le début d'une balise de mise en forme. Pour afficher ce signe lui-même, écrivez &amp;lt; à sa place.
broadcast-formatting-greater-than = Mise en forme de l'annonce refusée au caractère { $position } : un signe &gt; y figure hors de toute balise de mise en forme. Pour afficher ce signe lui-même, écrivez &amp;gt; à sa place.
broadcast-formatting-unknown-tag = Mise en forme de l'annonce refusée au caractère { $position } : { $tag } n'est pas une balise connue de Telegram (b, i, u, s, a, code, pre, blockquote, tg-spoiler, tg-emoji).
broadcast-formatting-attributes = Mise en forme de l'annonce refusée au caractère { $position } : { $tag } porte des attributs que Telegram n'accepte pas ; attendu : { $expected }.
broadcast-formatting-no-attributes = Mise en forme de l'annonce refusée au caractère { $position } : { $tag } ne prend aucun attribut.
broadcast-formatting-crossed = Mise en forme de l'annonce refusée au caractère { $position } : { $tag } arrive alors que { $open } est encore ouverte ; les balises se ferment dans l'ordre inverse de leur ouverture.
broadcast-formatting-closes-nothing = Mise en forme de l'annonce refusée au caractère { $position } : { $tag } ne ferme aucune balise.
broadcast-formatting-never-closed = Mise en forme de l'annonce refusée au caractère { $position } : { $tag } n'est jamais fermée.
broadcast-formatting-unknown-reference = Mise en forme de l'annonce refusée au caractère { $position } : { $reference } n'est pas une entité connue de Telegram (&amp;lt; &amp;gt; &amp;amp; &amp;quot; ou un numéro). Pour afficher le signe &amp; lui-même, écrivez &amp;amp; à sa place.
broadcast-formatting-not-a-character = Mise en forme de l'annonce refusée au caractère { $position } : { $reference } ne désigne aucun caractère.
broadcast-formatting-nested = Mise en forme de l'annonce refusée au caractère { $position } : { $tag } ne peut figurer dans { $open } (pas de lien dans un lien, pas de mise en forme dans du code, pas de citation dans une citation).
broadcast-formatting-pre-code = Mise en forme de l'annonce refusée au caractère { $position } : dans &lt;pre&gt;, un &lt;code&gt; doit contenir tout le bloc, comme &lt;pre&gt;&lt;code class="language-python"&gt;…&lt;/code&gt;&lt;/pre&gt;.
broadcast-formatting-language = Mise en forme de l'annonce refusée au caractère { $position } : un langage ne s'indique que sur un &lt;code&gt; placé directement dans &lt;pre&gt;, comme &lt;pre&gt;&lt;code class="language-python"&gt;…&lt;/code&gt;&lt;/pre&gt;.
broadcast-formatting-link = Mise en forme de l'annonce refusée au caractère { $position } : le lien { $link } n'est pas une adresse que Telegram ouvre (http://, https:// ou tg://).
cmd-broadcast = Rédiger une annonce (organisateurs)
cmd-broadcasts = Annonces et leur envoi (organisateurs)
broadcast-ask-text =
    📣 <b>Nouvelle annonce</b>
    Merci d'écrire le texte en { $language }. Le gras, l'italique et les liens sont conservés. Une photo ou un document peut l'accompagner : envoyez-le, le texte en sera la légende.
    <i>/cancel arrête ; rien n'est envoyé avant votre confirmation.</i>
broadcast-text-saved =
    ✅ Texte en { $language } enregistré.
    Chaque destinataire reçoit la version de sa langue, à défaut la première écrite. Ajoutez une version dans une autre langue, ou choisissez le public.
button-broadcast-version = ➕ Version en { $language }
button-broadcast-audience = 👥 Choisir le public ›
broadcast-ask-audience =
    📣 <b>Qui reçoit l'annonce ?</b> Touchez les fonctions et les lieux pour les choisir ; sans choix, tout le monde la reçoit. Toucher une province ou une préfecture affiche ses communes.

    Public : { $audience }
    👥 <b>{ people-count }</b>
broadcast-preview-intro = 👁 Ci-dessous, l'annonce telle que ses destinataires la verront.
broadcast-ready =
    📣 <b>Prête à l'envoi</b>
    👥 { $audience } : <b>{ people-count }</b>
    { $unreachable ->
        [0] Toutes peuvent être jointes.
        [one] { $unreachable } ne peut être jointe (pas encore inscrite, ou a bloqué le bot).
       *[other] { $unreachable } ne peuvent être jointes (pas encore inscrites, ou ont bloqué le bot).
    }
button-broadcast-send-now = 📤 Envoyer maintenant
button-broadcast-schedule = 🗓 Programmer
broadcast-ask-when =
    🗓 Quand doit-elle partir ? Écrivez un jour et une heure, comme { $example_deadline }.
    Pour un envoi qui se répète, écrivez une règle de répétition en cinq éléments séparés par des espaces : minute, heure, jour du mois, mois, jour de la semaine (1 = lundi … 5 = vendredi), et * pour « chaque ». Par exemple 0 9 * * 1 : chaque lundi à 09:00 ; 30 8 1 * * : le 1er de chaque mois à 08:30.
broadcast-when-refused = « { $input } » n'est ni un jour et une heure à venir (comme { $example_deadline }), ni une règle de répétition (comme 0 9 * * 1 : chaque lundi à 09:00).
broadcast-attached-photo = 📎 Photo jointe : le texte en sera la légende, 1 024 caractères au plus.
broadcast-attached-document = 📎 Document joint ({ $name }) : le texte en sera la légende, 1 024 caractères au plus.
broadcast-refused-file = Une annonce peut être accompagnée d'une photo ou d'un document, pas de ce genre de fichier : merci d'envoyer une photo, un document ou le texte.
broadcast-refused-caption-too-long = Sous une photo ou un document, Telegram n'accepte que 1 024 caractères de texte, et un texte déjà écrit est plus long : le fichier n'a pas été joint. Recommencez avec /broadcast et un texte plus court, ou envoyez l'annonce sans fichier.
broadcast-use-buttons = Merci d'utiliser les boutons du dernier message.
broadcast-scheduled = 🗓 L'annonce n° { $number } partira le { $when }.
broadcast-recurring = 🔁 L'annonce n° { $number } partira selon la règle de répétition « { $input } » ; premier envoi le { $when }.
broadcast-report =
    📣 Annonce n° { $number } : envoi en cours
    📤 Envoyés : { $sent } · ⏳ En attente : { $queued } · ❌ Échecs : { $failed } · ⛔ Bot bloqué : { $blocked } · 📵 Injoignables : { $unreachable }
broadcast-report-done =
    ✅ Annonce n° { $number } : envoyée
    📤 Envoyés : { $sent } · ❌ Échecs : { $failed } · ⛔ Bot bloqué : { $blocked } · 📵 Injoignables : { $unreachable }
broadcast-report-cancelled =
    🚫 Annonce n° { $number } : annulée
    📤 Envoyés : { $sent } · ❌ Échecs : { $failed } · ⛔ Bot bloqué : { $blocked } · 📵 Injoignables : { $unreachable }
broadcast-cancelled = Rédaction de l'annonce annulée : rien n'a été envoyé.
broadcasts-none = Aucune annonce pour l'instant.
broadcasts-header = 📣 <b>Annonces</b>
broadcasts-line =
    <b>N° { $number }</b> · { $audience } · { $status }
    📤 { $sent } · ⏳ { $queued } · ❌ { $failed } · ⛔ { $blocked } · 📵 { $unreachable }
broadcast-status-scheduled = 🗓 le { $when }
broadcast-status-recurring = 🔁 règle « { $input } », prochain envoi le { $when }
broadcast-status-sending = 📤 envoi en cours
broadcast-status-done = ✅ envoyée
broadcast-status-cancelled = 🚫 annulée
button-broadcast-cancel = 🚫 Annuler le n° { $number }
broadcast-cancel-done = Annonce n° { $number } annulée : plus rien n'est envoyé.
broadcast-audience-owing = collectivités dont la convention ou la contribution est encore en attente
# $among: all, no-answer, yes, no, present, absent.
broadcast-audience-workshop =
    { $among ->
        [no-answer] invités à « { $title } » sans réponse
        [yes] invités à « { $title } » ayant répondu oui
        [no] invités à « { $title } » ayant répondu non
        [present] présents à « { $title } »
        [absent] absents de « { $title } »
       *[all] invités à « { $title } »
    }
button-broadcast-owing = 💰 Convention ou contribution en attente
button-broadcast-workshop =
    { $among ->
        [no-answer] 🎓 { $title } : sans réponse
        [yes] 🎓 { $title } : oui
        [no] 🎓 { $title } : non
        [present] 🎓 { $title } : présents
        [absent] 🎓 { $title } : absents
       *[all] 🎓 { $title } : invités
    }

## Programme report and charts
report-title = Formation continue des élus : rapport du programme
report-cover-all-provinces = Toutes les provinces et préfectures de la Région
report-cover-province = { $province_kind ->
        [prefecture] Préfecture : { $province }
       *[province] Province : { $province }
    }
report-cover-whole-programme = Depuis le début du programme
report-cover-period = Du { $from } au { $to }
report-cover-since = Depuis le { $from }
report-cover-until = Jusqu'au { $to }
report-cover-made = Établi le { $today }
report-page = Page { $page } sur { $pages }
report-section-key-figures = Chiffres clés
report-section-months = Mois par mois
report-section-provinces = Présence par province ou préfecture
report-section-communes = Présence par commune
report-section-workshops = Ateliers tenus
report-section-evaluations = Évaluations
report-section-comments = Commentaires (anonymes)
report-section-funding = Financement par collectivité signataire
report-nothing-held = Aucun atelier n'a été tenu sur cette période.
report-no-comments = Aucun commentaire n'a été écrit.
report-figure-held = { $count ->
        [one] atelier tenu
       *[other] ateliers tenus
    }
report-figure-invited = { $count ->
        [one] invitation
       *[other] invitations
    }
report-figure-present = { $count ->
        [one] participant
       *[other] participants
    }
report-figure-rate = présence des invités
report-figure-rating = note moyenne sur 5
report-figure-approved = { $bodies ->
        [one] convention approuvée, sur { $bodies } collectivité
       *[other] conventions approuvées, sur { $bodies } collectivités
    }
report-figure-paid = versés, sur { $due } dus
report-column-province = Province / Préfecture
report-column-commune = Commune
report-column-invited = Invités
report-column-yes = Oui
report-column-no = Non
report-column-no-answer = Sans réponse
report-column-present = Présents
report-column-walk-ins = Sans invitation
report-column-rate = Taux
report-column-workshop = Atelier
report-column-date = Date
report-column-venue = Lieu
report-column-rating = Note
report-column-ratings = Évaluations
report-column-score = Note
report-column-comment = Commentaire
report-column-body = Collectivité
report-column-agreement = Convention
report-column-due = Dû
report-column-paid = Versé
report-column-outstanding = Reste dû
report-column-month = Mois
report-column-held = Ateliers
report-agreement = { $standing ->
        [approved] approuvée
        [declared] déclarée
       *[pending] en attente
    }
report-province-staff = { $province_kind ->
        [prefecture] services de la préfecture
       *[province] services de la province
    }
report-refused-unknown-province = Aucune province ni préfecture « { $province } » dans la liste des élus. Celles de la liste sont : { $known }.
report-refused-from-after-to = La période finit ({ $to }) avant de commencer ({ $from }) : veuillez inverser les deux dates.
chart-provinces = Présence par province ou préfecture
chart-provinces-note = Part des invités venus ; après chaque barre, le taux.
chart-answers = Réponses aux invitations
chart-answers-note = { $count ->
        [one] Le dernier atelier ; après sa barre, les oui sur les invités.
       *[other] Les { $count } derniers ateliers ; après chaque barre, les oui sur les invités.
    }
chart-ratings = Notes des ateliers
chart-ratings-note = { $count ->
        [one] Le dernier atelier noté ; après sa barre, la note moyenne sur 5.
       *[other] Les { $count } derniers ateliers notés ; après chaque barre, la note moyenne sur 5.
    }
chart-funding = Financement par province ou préfecture
chart-funding-note = Collectivités selon ce qu'elles ont versé ; après chaque barre, les conventions approuvées.
chart-months = Participants mois par mois
chart-months-note = Élus présents aux ateliers de chaque mois ; après chaque barre, le nombre d'ateliers.
chart-series-present = présents
chart-series-absent = absents
chart-series-yes = oui
chart-series-no = non
chart-series-no-answer = sans réponse
chart-series-score = { $score } sur 5
chart-series-full = payé en totalité
chart-series-partly = payé en partie
chart-series-nothing = rien versé
chart-series-participants = participants
chart-question-note = { $count ->
        [one] { $title } : une réponse.
       *[other] { $title } : { $count } réponses.
    }
chart-series-answers = réponses
chart-figure-held = { $count ->
        [one] 1 atelier
       *[other] { $count } ateliers
    }

## Weekly digest
cmd-report = Les graphiques du programme (organisateurs)
cmd-report-province = Les graphiques de votre province ou préfecture
report-readers-only = Les graphiques sont réservés aux organisateurs du programme et aux secrétaires généraux des provinces et préfectures.
digest-title-region = <b>📊 Point hebdomadaire du programme</b>
    { $date }
digest-title-province = <b>📊 Point hebdomadaire : { $province_kind ->
        [prefecture] préfecture { $of_province }
       *[province] province { $of_province }
    }</b>
    { $date }
digest-held = <b>Tenus ces sept derniers jours</b> (🙋 présents/invités · 🚶 sans invitation)
digest-held-line = • { $date } · { $title } : 🙋 { $present }/{ $invited } · 🚶 { $walk_ins }
digest-coming = <b>À venir ces deux prochaines semaines</b> (✅ oui · ❌ non · ⏳ sans réponse)
digest-coming-line = • { $date } · { $title } : ✅ { $yes } · ❌ { $no } · ⏳ { $pending }
digest-funding = <b>Financement vérifié cette semaine</b>
digest-funding-transfer = • { $body } : virement de { $amount }
digest-funding-approval = • { $body } : convention approuvée par le conseil
digest-call = <b>À appeler par téléphone</b> : ni le président ni les services financiers de ces collectivités n'ont rejoint Telegram, aucun rappel ne leur parvient.
digest-call-line = • { $name } ({ $person_title }), { $phone }
digest-call-nobody = • { $body } : personne à appeler dans la liste
digest-more = { $count ->
        [one] … et un de plus.
       *[other] … et { $count } de plus.
    }
button-digest-stop = 🔕 Arrêter le point hebdomadaire
button-digest-resume = 🔔 Reprendre le point hebdomadaire
digest-stopped = Le point hebdomadaire est arrêté. Le bouton ci-dessous le reprend.
digest-resumed = Le point hebdomadaire reprend : il arrive le lundi matin.

## Formulaires d'évaluation

# Après l'atelier, aux présents, quand l'organisateur a écrit des questions. $count : combien.
evaluation-form-request =
    🙏 Merci d'avoir participé à l'atelier <b>{ $title }</b>.
    Votre avis nous est précieux : { $count ->
        [one] une question, à laquelle répondre par les boutons.
       *[other] { $count } questions, auxquelles répondre par les boutons.
    }
# $left : combien de questions restent sans réponse.
evaluation-form-reminder = Rappel : votre avis sur l'atelier <b>{ $title }</b> nous est précieux. { $left ->
        [one] Une question reste à remplir.
       *[other] { $left } questions restent à remplir.
    }
evaluation-form-question =
    <b>Question { $number } sur { $count }</b>
    { $text }
evaluation-form-scale-hint = De 1 (faible) à 5 (excellent) :
evaluation-form-thanks = Merci ! Réponses enregistrées.
evaluation-form-closed = L'évaluation de cet atelier est close : les réponses sont reçues pendant les deux semaines qui le suivent.
workshop-comment-line-unrated = • { $comment }
button-new-workshop-form = 📝 Formulaire d'évaluation
new-workshop-summary-form-default = 📝 Évaluation : le formulaire par défaut (une note de 1 à 5 et un commentaire)
new-workshop-summary-form = 📝 Évaluation : { $count ->
        [one] une question et un commentaire
       *[other] { $count } questions et un commentaire
    }
new-workshop-form =
    📝 <b>Formulaire d'évaluation</b>
    Après l'atelier, les présents y répondent par des boutons, puis peuvent ajouter un commentaire.

    { $questions }
new-workshop-form-default = Le formulaire par défaut : une note de 1 (faible) à 5 (excellent).
new-workshop-form-kind-scale = échelle de 1 à 5
new-workshop-form-line = { $number }. { $text } — { $kind }
new-workshop-form-ask-question = Saisissez la question { $number }, sur une ligne ({ $max ->
        [one] { $max } caractère au plus).
       *[other] { $max } caractères au plus).
    }
new-workshop-form-ask-kind = Comment répondre à « { $text } » ?
new-workshop-form-ask-options = Saisissez les choix, séparés par / ou un par ligne (par exemple : Oui / Non / En partie) : de 2 à 6 choix, de 40 caractères au plus chacun, pour tenir sur un bouton.
button-form-add = ➕ Ajouter une question
button-form-default = ↺ Formulaire par défaut
button-form-done = ✅ Terminé
button-form-scale = Échelle 1–5
button-form-choices = Choix
form-error-too-many-questions = Un formulaire compte { $max ->
        [one] { $max } question au plus.
       *[other] { $max } questions au plus.
    }
form-error-question-empty = La question est vide. Saisissez-la de nouveau.
form-error-question-too-long = La question compte { $chars ->
        [one] { $chars } caractère
       *[other] { $chars } caractères
    } : { $max } au plus. Raccourcissez-la.
form-error-question-line-break = La question doit tenir sur une ligne. Saisissez-la de nouveau.
form-error-question-character = La question contient un caractère de contrôle ou de sens d'écriture invisible (caractère { $position }). Saisissez-la de nouveau.
form-error-no-kind = Question { $question } : indiquez à la fin comment y répondre, [scale] ou [Oui/Non/…] (« { $text } »).
form-error-too-few-options = Un choix demande au moins { $min ->
        [one] { $min } option.
       *[other] { $min } options, séparées par /.
    }
form-error-too-many-options = { $count ->
        [one] { $count } option
       *[other] { $count } options
    } : { $max } au plus tiennent en boutons.
form-error-option-empty = L'option { $option } est vide. Saisissez de nouveau les options.
form-error-option-too-long = L'option « { $text } » compte { $chars ->
        [one] { $chars } caractère
       *[other] { $chars } caractères
    } : un bouton en affiche { $max } au plus. Raccourcissez-la.
form-error-option-character = L'option { $option } contient un retour à la ligne ou un caractère de contrôle invisible (caractère { $position }). Saisissez de nouveau les options.
form-error-duplicate-option = L'option « { $text } » figure deux fois.
## Attestations et parcours de formation

cmd-my_training = Votre parcours de formation et vos attestations
certificate-issuer = Région Fès-Meknès — Conseil régional
certificate-programme = Programme de formation continue des élus
certificate-heading = Attestation de présence
certificate-certifies = Le Conseil de la Région Fès-Meknès atteste que
certificate-person-title = { $person_title }
certificate-attended = a participé à l'atelier de formation
certificate-date = Date : { $date }
certificate-place = Lieu : { $venue }
certificate-duration = Durée : { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    }
certificate-code = Code de vérification : { $certificate }
certificate-verify = Le service de formation continue de la Région confirme ce code sur demande.
certificate-issued = Délivrée le { $today }
certificate-caption =
    🎓 <b>Attestation de présence</b>
    { $title }, { $date }.
    Code de vérification : <code>{ $certificate }</code>
certificate-refused-not-attended = Aucune présence de votre part n'est enregistrée à cet atelier, ou il n'est pas encore terminé : il n'y a pas d'attestation à délivrer.
certificate-refused-unknown-code = Aucune attestation ne porte ce code : { $certificate }. Merci de le vérifier tel qu'il est imprimé sur l'attestation (TKW, puis deux groupes de quatre lettres et chiffres).
my-training-empty = Aucune participation à un atelier n'est encore enregistrée. Après chaque atelier où votre présence est notée, l'attestation vous est envoyée ici.
my-training =
    🎓 <b>Votre parcours de formation</b>
    { $count ->
        [one] { $count } atelier suivi
       *[other] { $count } ateliers suivis
    }, soit { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    } de formation.
my-training-line = • { $date } — <b>{ $title }</b>, { $venue }
my-training-buttons = Touchez un atelier pour recevoir à nouveau son attestation.
button-certificate = 🎓 { $date } · { $title }
