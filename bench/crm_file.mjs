// The lead file of `npm run bench:crm`: `rows` lines, 95 % new leads and 5 % duplicates in every
// key form the import compares (e-mail, phone, NIF, company + person name), half of them against
// the generated leads (bench/crm_data.mjs existingLead) and half against earlier lines.
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { FACTS, cif, existingLead } from './crm_rows.mjs'

const HEADER =
  'Iniciativa;Nombre;Apellidos;Empresa;NIF/CIF;Correo;Teléfono;Provincia;CP;Industria;Tamaño;Producto;Idioma;Origen'

/** Lead `i` of the file as the existing leads are shaped (same key columns). */
function newLead(i) {
  const company = `Prospecto Import ${String(i).padStart(7, '0')}`
  return {
    title: `Solicitud de información ${i}`,
    first_name: 'Nuevo',
    last_name: `Contacto ${i}`,
    company_name: `${company} S.L.`,
    nif: cif('A', 3_000_000 + i),
    email: `nuevo${i}@prospecto.es`,
    phone: `+347${String(10_000_000 + i).slice(-8)}`,
  }
}

const spaced = (phone) => `0034 ${phone.slice(3, 6)} ${phone.slice(6, 9)} ${phone.slice(9)}`

export async function writeLeadFile(path, rows, existing) {
  const out = createWriteStream(path)
  const write = async (line) => {
    if (!out.write(line)) await once(out, 'drain')
  }
  await write(`\uFEFF${HEADER}\r\n`)
  const forms = ['email', 'phone', 'nif', 'name']
  for (let i = 0; i < rows; i++) {
    let lead = newLead(i)
    let cells
    if (i % 20 === 19) {
      const dup = Math.floor(i / 20)
      const form = forms[dup % forms.length]
      const earlier = dup % 2 === 1 || existing === 0
      const target = earlier ? newLead(i - 20 - (dup % 17)) : existingLead((dup * 7919) % existing)
      lead = { ...newLead(i), title: `Duplicado ${i}`, email: '', phone: '', nif: '' }
      if (form === 'email') lead.email = `  ${target.email.toUpperCase()} `
      if (form === 'phone') lead.phone = spaced(target.phone)
      if (form === 'nif')
        lead.nif = `${target.nif[0].toLowerCase()}-${target.nif.slice(1, 8)}-${target.nif[8]}`
      if (form === 'name') {
        lead.company_name = target.company_name.toUpperCase().replace(/ S\.L\.$/, ', S.L.U.')
        lead.first_name = target.first_name
        lead.last_name = target.last_name
      }
    }
    const k = i % 7
    cells = [
      lead.title,
      lead.first_name,
      lead.last_name,
      lead.company_name,
      lead.nif,
      lead.email,
      lead.phone,
      FACTS.PROVINCES[k],
      String(28_000 + (i % 999)).padStart(5, '0'),
      FACTS.SECTORS[i % FACTS.SECTORS.length],
      FACTS.SIZES[i % FACTS.SIZES.length],
      FACTS.INTERESTS[i % FACTS.INTERESTS.length],
      FACTS.LANGUAGES[i % FACTS.LANGUAGES.length],
      FACTS.SOURCES[(i * 3) % FACTS.SOURCES.length],
    ]
    await write(cells.join(';') + '\r\n')
  }
  out.end()
  await once(out, 'finish')
}
