//! Every example the spec carries round-trips through its generated type: the JSON,
//! deserialized and serialized again, is the same JSON. The modules are written by
//! `cargo xtask codegen` from `spec/<name>.openapi.json`.

#[rustfmt::skip]
mod authentication;
#[rustfmt::skip]
mod management;

/// The types both APIs have identical are one type, reached by either module's path.
#[test]
fn identical_types_are_one_type() {
    use std::any::TypeId;
    fn check<A: 'static, B: 'static>(name: &str) {
        assert_eq!(TypeId::of::<A>(), TypeId::of::<B>(), "{name}");
    }
    use authing::generated::{authentication as a, common as c, management as m};
    check::<a::UserDto, m::UserDto>("UserDto");
    check::<a::UserDto, c::UserDto>("UserDto in common");
    check::<a::RoleDto, m::RoleDto>("RoleDto");
    check::<a::UserDtoStatus, m::UserDtoStatus>("UserDtoStatus");
    check::<a::GeoIp, m::GeoIp>("GeoIp");
}
