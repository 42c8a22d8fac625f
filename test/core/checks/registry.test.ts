import { strict as assert } from 'node:assert';
import { BIND_CODES } from '../../../server/src/core/bind';
import { CHECKS, CONSOLIDATION_CODES } from '../../../server/src/core/checks';
import { REGISTRY, type DiagnosticCode } from '../../../server/src/core/diagnostics';

describe('checks: the registry', () => {
  it('every diagnostic code is declared by the binder, a check or the entry point (and so has its test cases)', () => {
    // BUD010 (a file beyond the size limit), BUD018 (more tokens than are parsed) and BUD019 (an internal error) are
    // reported by analyze() (test/robustness/features.test.ts, test/robustness/adversarial.test.ts,
    // test/core/guards.test.ts), BUD011 (too many diagnostics to publish) by the language server
    // (test/server/server.test.ts).
    const elsewhere: DiagnosticCode[] = ['BUD010', 'BUD011', 'BUD018', 'BUD019'];
    const declared = new Set<string>([...BIND_CODES, ...CHECKS.flatMap((c) => c.codes), ...CONSOLIDATION_CODES, ...elsewhere]);
    assert.deepEqual(Object.keys(REGISTRY).filter((code) => !declared.has(code)), []);
  });

  it('checks have distinct names (an internal error names the check that failed)', () => {
    assert.equal(new Set(CHECKS.map((c) => c.name)).size, CHECKS.length);
  });
});
