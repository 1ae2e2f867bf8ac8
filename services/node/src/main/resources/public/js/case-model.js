// What the console derives from a case copy, without the DOM: urgency order, a human title,
// whether this country still owes an acknowledgement. Everything comes from the copy as this
// node holds it (copyFor is this country).

export const TIER_RANK = { CRITICAL: 4, SEVERE: 3, ELEVATED: 2, ADVISORY: 1, NOTICE: 0 };

/** Whether this country (the copy's copyFor) has acknowledged the case. */
export function acknowledgedHere(c) {
  return c.acknowledgements.some((a) => a.country === c.copyFor);
}

/** The acknowledgement deadline this country still has to meet (epoch ms), or null. */
export function ackDue(c) {
  if (c.state === 'RESOLVED' || !c.ackDeadline || acknowledgedHere(c)) return null;
  const due = Date.parse(c.ackDeadline);
  return Number.isNaN(due) ? null : due;
}

export function overdue(c, now) {
  const due = ackDue(c);
  return due !== null && due <= now;
}

/**
 * Urgency order: overdue first, then by time left to the ack deadline (sooner first; none last),
 * then tier (CRITICAL first), then most recently updated.
 */
export function byUrgency(now) {
  return (a, b) => {
    const late = Number(overdue(b, now)) - Number(overdue(a, now));
    if (late) return late;
    const da = ackDue(a) ?? Infinity;
    const db = ackDue(b) ?? Infinity;
    if (da !== db) return da < db ? -1 : 1;
    const tier = (TIER_RANK[b.tier] ?? -1) - (TIER_RANK[a.tier] ?? -1);
    if (tier) return tier;
    return Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
  };
}

const ACRONYMS = new Set(['AI', 'CBRN']);

/** "CBRN_UPLIFT" → "CBRN uplift". */
export function words(symbol) {
  const text = symbol.split('_').map((w) => (ACRONYMS.has(w) ? w : w.toLowerCase())).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the case is about, for people: categories, critical sectors, then a campaign or system this node holds. */
export function humanTitle(c) {
  const categories = (c.categories || []).map(words);
  const sectors = (c.criticalSectors || []).map((s) => words(s).toLowerCase());
  let title = categories.length ? categories.join(' and ') : 'Threat';
  if (sectors.length) title += ` against ${sectors.join(', ')}`;
  const about = c.about || { campaigns: [], systems: [] };
  if (about.campaigns.length) title += ` — campaign ${about.campaigns.join(', ')}`;
  else if (about.systems.length) title += ` — ${about.systems.join(', ')}`;
  if (!categories.length && !sectors.length && !about.campaigns.length && !about.systems.length) title += ` ${c.correlationKey}`;
  return title;
}

/** The case's aggregate figures: "3 signals from 2 countries, severity up to 4". */
export function figures(c) {
  const signals = c.signalCount || c.signalIds.length + c.unnamedSignalCount;
  const countries = c.involvedCount || c.involvedCountries.length;
  const parts = [`${signals} signal${signals === 1 ? '' : 's'}`, `${countries} countr${countries === 1 ? 'y' : 'ies'} involved`];
  if (c.maxSeverity) parts.push(`severity up to ${c.maxSeverity}`);
  return parts.join(' · ');
}

/** Involved countries as named to this country, with the count of those not named. */
export function countries(c) {
  const unnamed = Math.max(0, (c.involvedCount || 0) - c.involvedCountries.length);
  const named = c.involvedCountries.join(', ') || '—';
  return unnamed ? `${named} and ${unnamed} not named to you` : named;
}

/** Case ids are [A-Za-z0-9._:-]; the console's route to a case. */
export function caseRoute(caseId) {
  return `#case/${encodeURIComponent(caseId)}`;
}
