//! Authing / GenAuth V3 client.
