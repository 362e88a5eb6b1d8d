import { lists } from '#app/settings/lists'
import { CONSENT_SOURCES_LIST, CONTACT_LANGUAGES, GENDERS_LIST } from '../../account_lists.js'
import type { ContactCatalog } from '../../dto/contacts.js'

/**
 * The coded choices of a contact (gender, consent sources, languages) in the reader's language:
 * the active values, plus those `keep` names (what an edited contact holds, or every value for
 * a filter and for reading).
 */
export async function contactCatalog(
  organizationId: number,
  locale: string,
  keep: (string | null | undefined)[] | 'all' = []
): Promise<ContactCatalog> {
  const codes = async (list: string) =>
    keep === 'all' ? (await lists.values(organizationId, list)).map((v) => v.code) : keep
  const [genders, sources] = await Promise.all([
    lists.options(organizationId, GENDERS_LIST, locale, await codes(GENDERS_LIST)),
    lists.options(organizationId, CONSENT_SOURCES_LIST, locale, await codes(CONSENT_SOURCES_LIST)),
  ])
  return { genders, sources, languages: [...CONTACT_LANGUAGES] }
}
