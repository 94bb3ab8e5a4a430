# shellcheck shell=bash
# tests/lib/report.sh - PASS/FAIL/KNOWN reporting shared by the shell checks
# (sourced). report LABEL PROBLEMS [KNOWN_FAILURE_REASON]: empty PROBLEMS
# passes; a failure with a known-failure reason counts as KNOWN unless
# IOMMU_GROUPS_KNOWN_FAILURES=1. Counters: pass, fail, known.
pass=0 fail=0 known=0
strict_known=${IOMMU_GROUPS_KNOWN_FAILURES:-0}
report() {  # LABEL PROBLEMS [KNOWN_FAILURE_REASON]
    if [ -z "$2" ]; then
        echo "PASS $1${3:+ (XPASS: listed as known-failure but passed: remove the known-failure line)}"
        pass=$((pass + 1))
    else
        local cnt more="" word=FAIL
        cnt=$(printf '%s\n' "$2" | wc -l)
        [ "$cnt" -gt 1 ] && more=" (+$((cnt - 1)) more: $(printf '%s\n' "$2" | sed 1d | tr '\n' ';' | sed 's/;$//'))"
        if [ -n "${3:-}" ] && [ "$strict_known" != 1 ]; then
            word=KNOWN
            known=$((known + 1))
        else
            fail=$((fail + 1))
        fi
        echo "$word $1: $(printf '%s\n' "$2" | head -n1)$more${3:+ [known failure: $3]}"
    fi
}
