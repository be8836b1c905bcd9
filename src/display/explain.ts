/**
 * Short explained results: one line that states a finding and why, such as
 * "R=2, W=2, N=3 → strong: every read quorum meets every write quorum",
 * as a small styled HTML block, as Markdown and as plain text, so notebooks
 * never hand-write HTML around a library result.
 */
import { escapeHtml, escapeMarkdown } from "./html";
import { withTextForm } from "./plotly";
import { array, nonEmptyString, object, oneOf, typeError } from "../internal/errors";

/** The colour of the block's left rule: good (green), bad (red), warn (amber), neutral (grey). */
export type Tone = "good" | "bad" | "warn" | "neutral";

const TONES: readonly Tone[] = ["good", "bad", "warn", "neutral"];
const TONE_COLOR: Readonly<Record<Tone, string>> = { good: "#2ca02c", bad: "#d62728", warn: "#ff9f0e", neutral: "#888888" };

/** Options for {@link explain}. */
export interface ExplainOptions {
  /** What was evaluated, e.g. "R=2, W=2, N=3". */
  readonly subject: string;
  /** The finding, e.g. "strong". */
  readonly verdict: string;
  /** Why, e.g. "every read quorum meets every write quorum". */
  readonly reason?: string;
  /** Colour of the block; default "neutral". */
  readonly tone?: Tone;
  /** Supporting lines, shown as a list. */
  readonly details?: readonly string[];
  /** Where the rule comes from, e.g. "Bailis et al., VLDB 2012". */
  readonly source?: string;
}

/** An explained result in three forms. */
export interface Explanation {
  readonly kind: "explanation";
  /** `text/html` form: a bordered block. */
  readonly html: string;
  /** Markdown form. */
  readonly markdown: string;
  /** Plain-text form: `subject → verdict: reason`, then details and source. */
  readonly text: string;
}

function optional(where: string, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw typeError(where, name, "a string", value);
  return value;
}

/**
 * Builds an explained-result block: `subject → verdict: reason`, with
 * optional details and a source, every part escaped.
 * @param options subject, verdict, reason, tone (default "neutral"), details, source
 * @throws TypeError when a part is not a string
 * @throws RangeError when subject or verdict is empty or tone is unknown
 * @example explain({ subject: "R=2, W=2, N=3", verdict: "strong", reason: "every read quorum meets every write quorum" }).text
 * // => "R=2, W=2, N=3 → strong: every read quorum meets every write quorum"
 */
export function explain(options: ExplainOptions): Explanation {
  const where = "display.explain";
  object(where, "options", options);
  const subject = nonEmptyString(where, "subject", options.subject);
  const verdict = nonEmptyString(where, "verdict", options.verdict);
  const reason = optional(where, "reason", options.reason);
  const tone = options.tone === undefined ? "neutral" : oneOf(where, "tone", options.tone, TONES);
  const details = options.details === undefined ? [] : array<unknown>(where, "details", options.details, { min: 0 }).map((d, i) => {
    if (typeof d !== "string") throw typeError(where, `details[${i}]`, "a string", d);
    return d;
  });
  const source = optional(where, "source", options.source);

  const headline = `${subject} → ${verdict}${reason === undefined ? "" : `: ${reason}`}`;
  const text = [headline, ...details.map((d) => `  - ${d}`), ...(source === undefined ? [] : [`  Source: ${source}`])].join("\n");
  const markdown = [
    `${escapeMarkdown(subject)} → **${escapeMarkdown(verdict)}**${reason === undefined ? "" : `: ${escapeMarkdown(reason)}`}`,
    ...(details.length > 0 ? ["", ...details.map((d) => `- ${escapeMarkdown(d)}`)] : []),
    ...(source === undefined ? [] : ["", `*Source: ${escapeMarkdown(source)}*`]),
  ].join("\n");
  const html = [
    `<div class="tradeoff-lab-explain tradeoff-lab-${tone}" style="border-left:4px solid ${TONE_COLOR[tone]};padding:0.4em 0.8em;margin:0.4em 0;background:rgba(127,127,127,0.08);font-family:sans-serif;">`,
    `<div>${escapeHtml(subject)} → <strong>${escapeHtml(verdict)}</strong>${reason === undefined ? "" : `: ${escapeHtml(reason)}`}</div>`,
    ...(details.length > 0 ? [`<ul style="margin:0.3em 0 0 0;">${details.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>`] : []),
    ...(source === undefined ? [] : [`<div style="font-size:smaller;opacity:0.75;margin-top:0.3em;">Source: ${escapeHtml(source)}</div>`]),
    "</div>",
  ].join("\n");
  return withTextForm({ kind: "explanation" as const, html, markdown, text }, text);
}
