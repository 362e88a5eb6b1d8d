import { lookup } from 'node:dns/promises'
import ipaddr from 'ipaddr.js'
import { mailConfig } from '../config.js'

/*
 * The SSRF guard for mail servers: a host name is resolved once, every address it resolves to
 * is checked, and the connection then goes to the checked address (the name is kept for TLS),
 * so a second, different DNS answer cannot slip a private address in.
 */

/** Ranges a mail server may not be in unless the installation allows private hosts. */
const REFUSED = new Set([
  'unspecified',
  'loopback',
  'linkLocal',
  'private',
  'carrierGradeNat',
  'uniqueLocal',
  'broadcast',
  'multicast',
])

/** IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, SIIT). */
const EMBEDS_IPV4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052'])

/** The refused range an address is in ("loopback", "private"…), or null when it is public. */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid'
  let ip = ipaddr.parse(address)
  if (ip.kind() === 'ipv6' && EMBEDS_IPV4.has((ip as ipaddr.IPv6).range())) {
    const bytes = ip.toByteArray().slice(-4)
    ip = ipaddr.fromByteArray(bytes)
  }
  const range = ip.range()
  return REFUSED.has(range) ? range : null
}

/** Why a host was refused: it does not resolve, or it resolves into a refused range. */
export class HostRefused extends Error {
  constructor(
    readonly code: 'host_not_found' | 'private_host',
    readonly host: string,
    readonly range?: string
  ) {
    super(
      code === 'private_host' ? `${host} is in a private range (${range})` : `${host} not found`
    )
    this.name = 'HostRefused'
  }
}

/** A checked address to connect to, with the name the server's certificate must match. */
export interface GuardedHost {
  address: string
  servername: string | undefined
}

/**
 * Resolves `host` (every address) and refuses it when any address is private, loopback,
 * link-local… unless `MAIL_ALLOW_PRIVATE_HOSTS=true`. Returns the first address.
 */
export async function guardHost(
  host: string,
  allowPrivate = mailConfig.allowPrivateHosts
): Promise<GuardedHost> {
  const name = host.trim().replace(/^\[(.*)\]$/, '$1')
  const literal = ipaddr.isValid(name)
  let addresses: string[]
  if (literal) addresses = [name]
  else {
    try {
      addresses = (await lookup(name, { all: true, verbatim: true })).map((a) => a.address)
    } catch {
      throw new HostRefused('host_not_found', name)
    }
  }
  if (!addresses.length) throw new HostRefused('host_not_found', name)
  if (!allowPrivate) {
    for (const address of addresses) {
      const range = refusedRange(address)
      if (range) throw new HostRefused('private_host', name, range)
    }
  }
  return { address: addresses[0], servername: literal ? undefined : name }
}
