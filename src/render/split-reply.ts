import type { Reply, ReplyClaim, ReplySection } from '../core/reply.js';

/** Keeps only the citations (and the sources they name) that a part's headline and claims use. */
export function withOwnCitations(part: Reply): Reply {
  const used = new Set<number>();
  const take = (c: ReplyClaim | undefined): void => {
    c?.citations.forEach((n) => used.add(n));
    c?.disagreement?.citations.forEach((n) => used.add(n));
  };
  take(part.headline);
  part.sections.forEach((s) => s.claims.forEach(take));
  const citations = part.citations.filter((c) => used.has(c.n));
  const ids = new Set(citations.map((c) => c.sourceId));
  return { ...part, citations, sources: part.sources.filter((s) => ids.has(s.id)) };
}

/**
 * Splits a reply into parts that each `fits` one message: claims stay in order and whole; a section cut in
 * two is headed "(continued)" in the next part. The first part keeps the headline, introduction and
 * warnings; the last, what more there is and the suggestions; each part lists only the sources it cites.
 * Titles say "(2 of 3)". A reply that fits is returned as it is, in a list of one.
 */
export function splitReply(reply: Reply, fits: (part: Reply) => boolean): Reply[] {
  if (fits(reply)) return [reply];
  const { detail: _detail, ...base } = reply;
  const first: Reply = { ...base, sections: [], more: [], suggestions: [] };
  const later = (): Reply => {
    const { headline: _h, intro: _i, ...rest } = base;
    return { ...rest, warnings: [], sections: [], more: [], suggestions: [] };
  };
  const parts: Reply[] = [];
  let current = first;
  const open = (): boolean => current.sections.length > 0;
  for (const section of reply.sections) {
    for (const claim of section.claims) {
      const trial = addClaim(current, section, claim);
      if (fits(withOwnCitations(trial)) || !open()) {
        current = trial;
        continue;
      }
      parts.push(current);
      current = addClaim(later(), section, claim);
    }
  }
  parts.push(current);
  const last = parts.length - 1;
  return parts.map((p, i) =>
    withOwnCitations({
      ...p,
      title: `${reply.title} (${i + 1} of ${parts.length})`,
      ...(i === last ? { suggestions: reply.suggestions, ...(reply.more ? { more: reply.more } : {}) } : {}),
    }),
  );
}

function addClaim(part: Reply, section: ReplySection, claim: ReplyClaim): Reply {
  const sections = [...part.sections];
  const tail = sections[sections.length - 1];
  if (tail && (tail.heading === section.heading || tail.heading === `${section.heading} (continued)`) && tail.claims.length > 0 && sameSection(tail, section)) {
    sections[sections.length - 1] = { heading: tail.heading, claims: [...tail.claims, claim] };
  } else {
    const continued = section.claims[0] !== claim;
    sections.push({ heading: continued ? `${section.heading} (continued)` : section.heading, claims: [claim] });
  }
  return { ...part, sections };
}

/** The part's last section holds claims of this section (headings may repeat across sections only by chance). */
function sameSection(tail: ReplySection, section: ReplySection): boolean {
  const last = tail.claims[tail.claims.length - 1];
  return last !== undefined && section.claims.includes(last);
}

/** The reply without its last claim (and the citations only it used): for a short form over its budget. */
export function withoutLastClaim(reply: Reply): Reply {
  const sections = reply.sections.map((s) => ({ ...s, claims: [...s.claims] }));
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i];
    if (section && section.claims.length > 0) {
      section.claims.pop();
      break;
    }
  }
  return withOwnCitations({ ...reply, sections: sections.filter((s) => s.claims.length > 0) });
}

/** How many claims a reply shows. */
export function claimCount(reply: Reply): number {
  return reply.sections.reduce((n, s) => n + s.claims.length, 0);
}
