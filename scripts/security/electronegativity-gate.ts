/**
 * The gate over electronegativity's findings: no HIGH finding ever passes, and every lower one
 * must be listed in ACCEPTED_FINDINGS with the reason (the same list as docs/security.md), so a
 * new finding fails CI until someone fixes it or writes down why it is acceptable. Pure.
 */
export interface Finding {
  readonly id: string;
  readonly severity: string;
  readonly confidence: string;
  /** Path relative to the scanned folder. */
  readonly file: string;
  readonly line: number;
  readonly sample: string;
}

export interface AcceptedFinding {
  readonly id: string;
  readonly file: string;
  readonly reason: string;
}

/** Keep in step with docs/security.md, "Accepted electronegativity findings". */
export const ACCEPTED_FINDINGS: readonly AcceptedFinding[] = [
  {
    id: 'DANGEROUS_FUNCTIONS_JS_CHECK',
    file: 'main/terminal-app.ts',
    reason: 'insertCSS receives only the constant HIDE_CURSOR_CSS of role-window.ts (the display hides the pointer); no page or config text reaches it.',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'main/lockdown.ts',
    reason:
      'the scanner cannot evaluate the CSP, which is built from the hall origin at run time (lockdown-policy.ts) and asserted by unit tests; it is not a weak policy.',
  },
  {
    id: 'CERTIFICATE_VERIFY_PROC_JS_CHECK',
    file: 'main/lockdown.ts',
    reason:
      'the verify procedure narrows trust, never widens it: only a chain to the hall CA pinned at pairing is accepted (certificate-policy.ts certificateDecision, unit-tested with other CAs, self-signed and bare certificates); every other certificate is refused and logged.',
  },
];

export interface GateResult {
  readonly failures: readonly { finding: Finding; why: string }[];
  readonly accepted: readonly { finding: Finding; reason: string }[];
}

export function gate(findings: readonly Finding[], accepted: readonly AcceptedFinding[] = ACCEPTED_FINDINGS): GateResult {
  const failures: { finding: Finding; why: string }[] = [];
  const ok: { finding: Finding; reason: string }[] = [];
  for (const finding of findings) {
    if (finding.severity.toUpperCase() === 'HIGH') {
      failures.push({ finding, why: 'high severity is never accepted' });
      continue;
    }
    const match = accepted.find((a) => a.id === finding.id && a.file === finding.file.replaceAll('\\', '/'));
    if (match === undefined) failures.push({ finding, why: 'not in the accepted list (scripts/security/electronegativity-gate.ts, docs/security.md)' });
    else ok.push({ finding, reason: match.reason });
  }
  return { failures, accepted: ok };
}
