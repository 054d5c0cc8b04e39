//! Proc-macros of the Authing / GenAuth V3 SDK.
