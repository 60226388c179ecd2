import type { ParsedOrganizationRef, RegisteredOrganization } from './types.js';
import type { SideBar } from './segment.js';
import { organizationChain, resolveOrganization } from './organizations.js';

// The sender chain, ministry first. Names are kept as the memo prints them (the register's
// spelling may differ: "Bedrijfsleven & Innovatie"); codes come from the register. The ministry is
// rarely printed in the side-bar, so it is derived, in order of trust, from a printed
// "Ministerie van ..." line, the addressee's portfolio, the rijksoverheid.nl address, and
// finally the register's parent chain of a printed directorate.

const WEBSITE_SLUGS: Record<string, string> = {
  jenv: 'JenV',
  ezk: 'EZ',
  ez: 'EZ',
  bzk: 'BZK',
  minbzk: 'BZK',
  fin: 'FIN',
  minfin: 'FIN',
  ienw: 'IenW',
  szw: 'SZW',
  vws: 'VWS',
  ocw: 'OCW',
  lvvn: 'LVVN',
  lnv: 'LVVN',
  kgg: 'KGG',
  az: 'AZ',
  bz: 'BZ',
  minbuza: 'BZ',
  defensie: 'DEF',
  vro: 'VRO',
};

function ministryFromAddressee(addressee: string | null): { org: RegisteredOrganization | null; name: string } | null {
  if (!addressee) return null;
  const m = /\b(?:minister|staatssecretaris)\s+(?:van|voor)\s+(.+)$/i.exec(addressee);
  if (!m || !m[1]) {
    if (/minister-president/i.test(addressee)) {
      const az = resolveOrganization('AZ');
      return az ? { org: az, name: az.name } : null;
    }
    return null;
  }
  // "Minister van Justitie en Veiligheid en de Staatssecretaris van ..." → the first portfolio.
  const portfolio = m[1].split(/\s+en\s+de\s+/i)[0]!.replace(/[,.]$/, '').trim();
  const org = resolveOrganization(portfolio);
  if (org && org.kind === 'MINISTRY') return { org, name: org.name };
  return { org: null, name: `Ministerie van ${portfolio}` };
}

function ministryFromWebsite(bars: SideBar[]): RegisteredOrganization | null {
  for (const bar of bars) {
    for (const line of bar.addressLines) {
      const m = /rijksoverheid\.nl\/(?:ministeries\/)?([a-z-]+)/i.exec(line);
      const code = m ? WEBSITE_SLUGS[(m[1] ?? '').toLowerCase()] : undefined;
      if (code) return resolveOrganization(code);
    }
  }
  return null;
}

export function buildSender(bars: SideBar[], addressee: string | null, warnings: string[]): ParsedOrganizationRef[] {
  // The first side-bar that names organisations is the memo's own; repetitions add nothing.
  const printed = bars.find((b) => b.orgs.length > 0)?.orgs ?? [];
  const refs: ParsedOrganizationRef[] = printed.map((o) => ({
    kind: o.kind,
    name: o.name,
    code: resolveOrganization(o.name)?.code ?? null,
  }));
  const seen = new Set<string>();
  const chain = refs.filter((r) => {
    const key = r.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  if (chain.some((r) => r.kind === 'MINISTRY')) {
    return [...chain.filter((r) => r.kind === 'MINISTRY'), ...chain.filter((r) => r.kind !== 'MINISTRY')];
  }

  // The register's view: the ministry above the first printed unit we know.
  const known = chain.find((r) => r.code !== null);
  const registerMinistry = known?.code ? (organizationChain(known.code).find((o) => o.kind === 'MINISTRY') ?? null) : null;

  let ministry: ParsedOrganizationRef | null = null;
  const fromAddressee = ministryFromAddressee(addressee);
  if (fromAddressee) {
    ministry = { kind: 'MINISTRY', name: fromAddressee.name, code: fromAddressee.org?.code ?? null };
  } else {
    const fromSite = ministryFromWebsite(bars);
    if (fromSite) ministry = { kind: 'MINISTRY', name: fromSite.name, code: fromSite.code };
    else if (registerMinistry) {
      ministry = { kind: 'MINISTRY', name: registerMinistry.name, code: registerMinistry.code };
      warnings.push(`Sender ministry inferred from the organisation register: ${registerMinistry.name} (above ${known?.name})`);
    }
  }
  if (ministry && registerMinistry && ministry.code !== null && ministry.code !== registerMinistry.code) {
    warnings.push(
      `The addressee's ministry (${ministry.name}) differs from the ministry the register places ${known?.name} under (${registerMinistry.name})`,
    );
  }
  if (!ministry && chain.length === 0) warnings.push('No sender organisation found');
  return ministry ? [ministry, ...chain] : chain;
}
