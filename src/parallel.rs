//! Data-parallel steps on scoped threads: how many workers to use, and one closure
//! run over parts of the work with the results kept in the parts' order.

/// Workers for a data-parallel step: the available cores, at most 8 (beyond that
/// these passes are limited by memory bandwidth, not cores).
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
}

/// Runs `work` on every part, each in its own scoped thread (a single part runs on
/// the calling thread). Results come in the parts' order; `None` stands for a part
/// whose thread panicked, so that each caller decides what a lost part means.
pub fn map_parts<P: Send, R: Send>(parts: Vec<P>, work: impl Fn(P) -> R + Sync) -> Vec<Option<R>> {
    if parts.len() <= 1 {
        return parts.into_iter().map(|part| Some(work(part))).collect();
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts.into_iter().map(|part| scope.spawn(move || work(part))).collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_parts_order() {
        let parts: Vec<std::ops::Range<u64>> = vec![0..10, 10..20, 20..1000, 1000..1001];
        let sums = map_parts(parts, |r| r.sum::<u64>());
        assert_eq!(sums, vec![Some(45), Some(145), Some(499_310), Some(1000)]);
        assert_eq!(map_parts(vec![3], |x| x * 2), vec![Some(6)]);
        assert!(map_parts(Vec::<u8>::new(), |x| x).is_empty());
        assert!((1..=8).contains(&threads()));
    }
}
