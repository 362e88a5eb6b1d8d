/*
 * The one definition of the shapes records share between server and pages: select options,
 * phones, e-mails and addresses as shown and as edited. Type-only and importing nothing, so the
 * browser's kit (resources/js/ui), modules' dto/ and their server code all take them from here
 * (ARCHITECTURE §3: resources/js never imports modules/*).
 */

/** A select option: the value sent back to the server and the label shown. */
export interface Option {
  value: string
  label: string
}

/** A phone or e-mail as a detail page shows it. */
export interface Channel {
  label: string | null
  value: string
  primary: boolean
}

/** A postal address as a detail page shows it. */
export interface Address {
  kind: string
  street: string | null
  postalCode: string | null
  city: string | null
  province: string | null
  country: string
}

/** Editable rows of the repeatable groups, as the forms hold them. */
export interface PhoneValue {
  label: string
  number: string
  primary: boolean
}
export interface EmailValue {
  label: string
  address: string
  primary: boolean
}
export interface AddressValue {
  kind: string
  street: string
  postalCode: string
  city: string
  province: string
  country: string
}

/** A tag on a record (app/tags): its colour is a Mantine colour name of the fixed palette. */
export interface TagChip {
  id: number
  name: string
  color: string
}

/**
 * A badge another part of the app raised on a record (kernel record flags, app/flags): its
 * text is the i18n key with its params, in the reader's language; `link` opens what it is about.
 */
export interface RecordFlag {
  kind: string
  labelKey: string
  params: Record<string, string | number | null>
  link: string | null
}
