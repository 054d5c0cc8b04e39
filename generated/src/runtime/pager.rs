//! [`Pager`]: every page of a paged list operation, as a [`Stream`] of pages or of items.
//!
//! A generated `*_pages` method gives the pager a `fetch(page_number)` closure that sends the
//! operation with that page number; the pager asks for page after page until one of these ends
//! the walk:
//!
//! - a page is empty;
//! - a page is shorter than the page size (`limit`) the request asked for;
//! - the items seen reach the response's total count (`totalCount`);
//! - a request fails: the error is the stream's last item;
//! - the server sends the same page again (it ignores the page number):
//!   [`PaginationError::RepeatedPage`];
//! - [`Pager::max_pages`] pages (default [`DEFAULT_MAX_PAGES`]) were fetched and the server still
//!   has more: [`PaginationError::TooManyPages`]. A walk never ends silently short.

use std::collections::hash_map::DefaultHasher;
use std::future::Future;
use std::hash::Hasher;

use futures_util::future::BoxFuture;
use futures_util::stream::{self, BoxStream};
pub use futures_util::{Stream, StreamExt, TryStreamExt};
use serde::Serialize;

use super::Error;

/// How many pages a [`Pager`] fetches at most, unless [`Pager::max_pages`] says otherwise
/// (100 000 items at the usual 10 per page).
pub const DEFAULT_MAX_PAGES: u64 = 10_000;

/// One page of a list operation.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The page number that was asked for (the first page is 1).
    pub number: u64,
    /// The page's items, in the server's order.
    pub items: Vec<T>,
    /// The total number of items of the list (`totalCount`), when the response has it.
    pub total_count: Option<u64>,
}

impl<T> Page<T> {
    /// Page `number` with its `items` and the list's total count.
    pub fn new(number: u64, items: Vec<T>, total_count: Option<u64>) -> Self {
        Page {
            number,
            items,
            total_count,
        }
    }
}

/// Why a [`Pager`] stopped before the list's end.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaginationError {
    /// The bound was reached and the last page did not end the list.
    #[error("stopped after {max_pages} pages although the list goes on (see `Pager::max_pages`)")]
    TooManyPages {
        /// The bound in force.
        max_pages: u64,
    },
    /// The server answered a page number with the items of the previous page.
    #[error("page {page} has the same items as page {}: the server ignores the page number", page - 1)]
    RepeatedPage {
        /// The page number whose answer repeated the previous one.
        page: u64,
    },
}

/// A page number, page size or total count as the spec types it (an integer, a number, or a
/// string of digits).
pub trait PageNumber: Sized {
    /// The value for `n`.
    fn from_page(n: u64) -> Self;
    /// The value as a count, when it is a whole number that is not negative.
    fn to_count(&self) -> Option<u64>;
}

macro_rules! integer_page_number {
    ($($t:ty),*) => {$(
        impl PageNumber for $t {
            fn from_page(n: u64) -> Self {
                <$t>::try_from(n).unwrap_or(<$t>::MAX)
            }
            fn to_count(&self) -> Option<u64> {
                u64::try_from(*self).ok()
            }
        }
    )*};
}
integer_page_number!(i32, i64, u32, u64);

impl PageNumber for f64 {
    fn from_page(n: u64) -> Self {
        n as f64
    }
    fn to_count(&self) -> Option<u64> {
        // Whole, not negative, and below 2^53 where every integer is exact.
        (self.fract() == 0.0 && (0.0..9_007_199_254_740_992.0).contains(self))
            .then_some(*self as u64)
    }
}

impl PageNumber for f32 {
    fn from_page(n: u64) -> Self {
        n as f32
    }
    fn to_count(&self) -> Option<u64> {
        f64::from(*self).to_count()
    }
}

impl PageNumber for String {
    fn from_page(n: u64) -> Self {
        n.to_string()
    }
    fn to_count(&self) -> Option<u64> {
        self.trim().parse().ok()
    }
}

type Fetch<'a, T> = Box<dyn FnMut(u64) -> BoxFuture<'a, Result<Page<T>, Error>> + Send + 'a>;

/// Every page of a list operation, fetched one after the other as the stream is polled.
///
/// ```no_run
/// # async fn run(client: authing::ManagementClient) -> Result<(), authing::Error> {
/// use authing::management::ListUsersRequestDto;
/// use authing::runtime::TryStreamExt;
///
/// let request = ListUsersRequestDto::default();
/// let mut users = client.list_users_pages(&request).items();
/// while let Some(user) = users.try_next().await? {
///     println!("{}", user.user_id);
/// }
/// # Ok(())
/// # }
/// ```
pub struct Pager<'a, T> {
    fetch: Fetch<'a, T>,
    first: u64,
    limit: Option<u64>,
    max_pages: u64,
}

impl<T> std::fmt::Debug for Pager<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager")
            .field("first", &self.first)
            .field("limit", &self.limit)
            .field("max_pages", &self.max_pages)
            .finish_non_exhaustive()
    }
}

struct Walk<'a, T> {
    fetch: Fetch<'a, T>,
    next: Option<u64>,
    fetched: u64,
    max_pages: u64,
    limit: Option<u64>,
    /// Items before the first page fetched (its number minus one, times the page size).
    offset: Option<u64>,
    seen: u64,
    previous: Option<u64>,
}

impl<'a, T: Serialize + Send + 'a> Pager<'a, T> {
    /// A pager starting at page `first` (1 when `None`) whose requests ask for `limit` items per
    /// page (the server's default when `None`), fetching page `n` with `fetch(n)`.
    pub fn new<F, Fut>(first: Option<u64>, limit: Option<u64>, mut fetch: F) -> Self
    where
        F: FnMut(u64) -> Fut + Send + 'a,
        Fut: Future<Output = Result<Page<T>, Error>> + Send + 'a,
    {
        Pager {
            fetch: Box::new(move |page| Box::pin(fetch(page))),
            first: first.unwrap_or(1).max(1),
            limit: limit.filter(|&limit| limit > 0),
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// Fetches at most `max_pages` pages (at least one); a list that goes on past them ends the
    /// stream with [`PaginationError::TooManyPages`].
    pub fn max_pages(mut self, max_pages: u64) -> Self {
        self.max_pages = max_pages.max(1);
        self
    }

    /// The pages, each as it arrives; an error is the last item.
    pub fn pages(self) -> BoxStream<'a, Result<Page<T>, Error>> {
        let walk = Walk {
            fetch: self.fetch,
            next: Some(self.first),
            fetched: 0,
            max_pages: self.max_pages,
            limit: self.limit,
            offset: self
                .limit
                .map(|limit| (self.first - 1).saturating_mul(limit)),
            seen: 0,
            previous: None,
        };
        stream::try_unfold(walk, Walk::step).boxed()
    }

    /// The items of every page, in order; an error is the last item.
    pub fn items(self) -> BoxStream<'a, Result<T, Error>> {
        self.pages()
            .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// Every item of the list, or the first error.
    pub async fn collect(self) -> Result<Vec<T>, Error> {
        self.items().try_collect().await
    }
}

impl<'a, T: Serialize> Walk<'a, T> {
    /// Fetches the next page: `None` once the list has ended.
    async fn step(mut self) -> Result<Option<(Page<T>, Self)>, Error> {
        let Some(number) = self.next else {
            return Ok(None);
        };
        if self.fetched == self.max_pages {
            return Err(PaginationError::TooManyPages {
                max_pages: self.max_pages,
            }
            .into());
        }
        let mut page = (self.fetch)(number).await?;
        page.number = number;
        self.fetched += 1;
        let len = page.items.len() as u64;
        if len == 0 {
            return Ok(None);
        }
        let fingerprint = fingerprint(&page.items);
        if fingerprint.is_some() && fingerprint == self.previous {
            return Err(PaginationError::RepeatedPage { page: number }.into());
        }
        self.previous = fingerprint;
        self.seen += len;
        // Without a page size asked for, the first page's length is the server's default.
        let offset = *self
            .offset
            .get_or_insert_with(|| (number - 1).saturating_mul(len));
        let short = self.limit.is_some_and(|limit| len < limit);
        let complete = page
            .total_count
            .is_some_and(|total| offset + self.seen >= total);
        self.next = (!short && !complete).then_some(number + 1);
        Ok(Some((page, self)))
    }
}

/// A hash of the items' JSON: equal for a page the server sends twice.
fn fingerprint<T: Serialize>(items: &[T]) -> Option<u64> {
    let json = serde_json::to_vec(items).ok()?;
    let mut hasher = DefaultHasher::new();
    hasher.write(&json);
    Some(hasher.finish())
}
