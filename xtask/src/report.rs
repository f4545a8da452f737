//! Reading the test runners' results: cargo's `test result:` lines and node's TAP report.

/// The number just before `label` in "ok. 12 passed; 0 failed; ...".
pub fn count_before(text: &str, label: &str) -> usize {
    text.find(label)
        .and_then(|end| text[..end].rsplit([' ', '.']).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The passed and failed counts of a TAP report (its last `# pass` and `# fail` lines).
pub fn tap_totals(report: &str) -> (usize, usize) {
    let total = |label: &str| {
        report
            .lines()
            .filter_map(|l| l.strip_prefix(label))
            .filter_map(|n| n.trim().parse::<usize>().ok())
            .next_back()
            .unwrap_or(0)
    };
    (total("# pass "), total("# fail "))
}

/// The failing tests of a TAP report (not the suites that fail because of them), each as
/// its `not ok` line and its diagnostics without the stack and timing.
pub fn tap_failures(report: &str) -> Vec<String> {
    const LEAVE_OUT: [&str; 3] = ["duration_ms:", "stack:", "failureType:"];
    let mut failures = Vec::new();
    let mut lines = report.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if !trimmed.starts_with("not ok ") {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let mut text = trimmed.to_string();
        let mut suite = false;
        let mut in_stack = false;
        // The diagnostics block: indented deeper than the `not ok` line, ending with `...`.
        while let Some(next) = lines.next_if(|l| {
            let body = l.trim_start();
            l.len() - body.len() > indent
                && !body.starts_with("not ok ")
                && !body.starts_with("ok ")
        }) {
            let body = next.trim_start();
            if body == "---" || body == "..." {
                continue;
            }
            suite |= body == "failureType: 'subtestsFailed'";
            if LEAVE_OUT.iter().any(|p| body.starts_with(p)) {
                in_stack = body.starts_with("stack:");
                continue;
            }
            // Continuation lines of a multi-line field sit deeper than the field names.
            let field = body.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            if field {
                in_stack = false;
            }
            if !in_stack {
                text.push_str("\n    ");
                text.push_str(body);
            }
        }
        if !suite {
            failures.push(text);
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_result_lines() {
        let line = "ok. 12 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(count_before(line, " passed"), 12);
        assert_eq!(count_before(line, " failed"), 3);
        assert_eq!(count_before("FAILED. 0 passed; 1 failed;", " passed"), 0);
        assert_eq!(count_before("nothing here", " passed"), 0);
    }

    #[test]
    fn tap_failures_keep_the_assertion_and_skip_suites_and_stacks() {
        let report = "\
TAP version 13
# Subtest: grp
    # Subtest: fails
    not ok 1 - fails
      ---
      duration_ms: 0.96
      location: '/tmp/t.test.cjs:2:25'
      failureType: 'testCodeFailure'
      error: 'one is not two'
      expected: 2
      actual: 1
      stack: |-
        TestContext.<anonymous> (/tmp/t.test.cjs:2:52)
        Test.run (node:internal/test_runner/test:796:25)
      ...
    # Subtest: ok
    ok 2 - ok
      ---
      duration_ms: 0.08
      ...
    1..2
not ok 1 - grp
  ---
  duration_ms: 1.9
  type: 'suite'
  failureType: 'subtestsFailed'
  error: '1 subtest failed'
  ...
1..1
# pass 1
# fail 1
";
        assert_eq!(
            tap_failures(report),
            vec![
                "not ok 1 - fails\n    location: '/tmp/t.test.cjs:2:25'\n    \
                 error: 'one is not two'\n    expected: 2\n    actual: 1"
            ]
        );
        assert_eq!(tap_totals(report), (1, 1));
        assert!(tap_failures("ok 1 - fine\n# pass 1\n").is_empty());
    }
}
