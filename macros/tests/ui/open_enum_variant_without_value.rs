use authing::generated::prelude::*;

#[open_enum]
pub enum Gender {
    #[value("M")]
    Male,
    Female,
    #[value("M")]
    AlsoMale,
    Unknown(String),
}

fn main() {}
