//! The domain's ids bound and read as the integers the database keeps, so queries take and
//! return typed ids and the domain stays free of sqlx. (Hand-written because sqlx's derive
//! for transparent types does not cover its `Any` driver.)

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Database, Decode, Encode, Type};

use crate::domain::ids::{CommuneId, PersonId, WorkshopId};

macro_rules! integer_id {
    ($name:ident) => {
        impl Type<Any> for $name {
            fn type_info() -> <Any as Database>::TypeInfo {
                <i64 as Type<Any>>::type_info()
            }

            fn compatible(ty: &<Any as Database>::TypeInfo) -> bool {
                <i64 as Type<Any>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                <i64 as Encode<'q, Any>>::encode_by_ref(&self.get(), buf)
            }
        }

        impl<'r> Decode<'r, Any> for $name {
            fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                <i64 as Decode<'r, Any>>::decode(value).map($name::new)
            }
        }
    };
}

integer_id!(PersonId);
integer_id!(WorkshopId);
integer_id!(CommuneId);
