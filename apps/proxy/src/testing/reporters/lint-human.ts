import type { Finding } from '../lint.js';
import { failsRun, type LintReport } from '../lint-report.js';
import { formatDuration, type Colors } from '../../common/colors.js';

function kB(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;
}

/** The lint report for a terminal or CI log: findings grouped by definition, then totals. */
export function lintReportToHuman(report: LintReport, c: Colors): string[] {
  const lines = [c.bold('mcpscope lint') + c.dim(` · ${report.target}`)];
  if (report.error !== undefined) {
    lines.push(c.red(report.error));
    return lines;
  }
  if (report.server !== undefined)
    lines.push(
      c.dim(
        `server ${report.server.name} ${report.server.version} · protocol ${report.server.protocolVersion}`,
      ),
    );
  const s = report.surface;
  lines.push(
    c.dim(
      `${s.tools} tools, ${s.prompts} prompts, ${s.resources} resources, ${s.templates} resource templates · tool definitions ${kB(s.toolBytes)} (≈${Math.round(s.toolBytes / 4)} tokens per request that carries them)`,
    ),
  );
  const paint = (f: Finding): string => {
    const label = f.severity.padEnd(7);
    return f.severity === 'error'
      ? c.red(label)
      : f.severity === 'warning'
        ? c.yellow(label)
        : c.dim(label);
  };
  const block = (title: string, findings: readonly Finding[]): void => {
    if (findings.length === 0) return;
    lines.push('', c.bold(title));
    for (const f of findings) lines.push(`  ${paint(f)} ${c.dim(f.rule.padEnd(27))} ${f.message}`);
  };
  block('server', report.serverFindings);
  for (const d of report.definitions) block(`${d.kind} ${d.name}`, d.findings);
  const { errors, warnings, infos } = report.summary;
  const failing = [
    ...report.serverFindings,
    ...report.definitions.flatMap((d) => d.findings),
  ].filter((f) => failsRun(f, report.failOn)).length;
  lines.push('');
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${infos > 0 ? `, ${infos} info` : ''}`;
  lines.push(
    (failing > 0 ? c.red(`✗ ${counts}`) : c.green(`✓ ${counts}`)) +
      c.dim(` (fails on ${report.failOn} and above) · ${formatDuration(report.durationMs)}`),
  );
  return lines;
}
