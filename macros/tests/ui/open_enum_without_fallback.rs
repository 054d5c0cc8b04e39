use authing::generated::prelude::*;

#[open_enum]
pub enum Gender {
    #[value("M")]
    Male,
    #[value("F")]
    Female,
}

fn main() {}
