/*
 * Demo mail: threads between the demo contacts and the shared mailboxes, written as real
 * RFC 5322 messages (UTF-8, encoded headers) so they go through the same parser as any mail.
 */

interface DemoContact {
  contactId: number
  companyId: number | null
  name: string
  email: string
  company: string | null
}

interface DemoThread {
  mailbox: 'ventas' | 'soporte'
  raw: Buffer
}

const SALES = [
  [
    'Solicitud de presupuesto',
    'nos gustaría recibir un presupuesto para {n} licencias y la instalación.',
  ],
  ['Consulta de precios 2027', '¿podéis enviarnos la tarifa actualizada para el próximo año?'],
  ['Reunión de seguimiento', '¿os viene bien vernos el jueves para revisar la propuesta?'],
  ['Condiciones de pago', '¿sería posible pagar a 60 días en lugar de 30?'],
  ['Ampliación del contrato', 'queremos ampliar el servicio a la delegación de {c}.'],
  ['Documentación técnica', '¿nos podéis mandar la ficha técnica y las referencias?'],
]
const SUPPORT = [
  ['Incidencia con la factura', 'la última factura trae un importe que no cuadra con el pedido.'],
  ['No puedo acceder a la plataforma', 'desde esta mañana el acceso me da error.'],
  ['Duda sobre la configuración', '¿cómo se configura el envío automático de informes?'],
  ['Cambio de dirección de entrega', 'a partir de enero la entrega debe ir a la nave nueva.'],
]
const REPLIES = [
  'Gracias por escribirnos. Lo revisamos y os respondemos hoy mismo.',
  'Adjuntamos la información solicitada. Quedamos a vuestra disposición.',
  'Perfecto, lo dejamos anotado. Un saludo.',
]
const CUSTOMER_FOLLOW = [
  'Muchas gracias, quedamos a la espera.',
  'Recibido. Lo comentamos internamente y os decimos algo.',
  'Genial, adelante entonces.',
]

/** Lowercase ASCII for an address's local part (Lucía → lucia). */
const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** An RFC 2047 encoded word when the text is not plain ASCII. */
function word(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`
}

function message(m: {
  from: [string, string]
  to: [string, string]
  subject: string
  id: string
  date: Date
  body: string
  inReplyTo?: string
  references?: string[]
  replyTo?: string
  extra?: string[]
}): Buffer {
  const lines = [
    `From: ${word(m.from[0])} <${m.from[1]}>`,
    `To: ${word(m.to[0])} <${m.to[1]}>`,
    `Subject: ${word(m.subject)}`,
    `Date: ${m.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${m.id}>`,
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references?.length ? [`References: ${m.references.map((r) => `<${r}>`).join(' ')}`] : []),
    ...(m.replyTo ? [`Reply-To: <${m.replyTo}>`] : []),
    ...(m.extra ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(m.body).toString('base64').replace(/.{76}/g, '$&\r\n'),
    '',
  ]
  return Buffer.from(lines.join('\r\n'))
}

export function demoThreads(params: {
  contacts: DemoContact[]
  opportunities: { id: number; companyId: number; name: string }[]
  random: () => number
  now: Date
}): DemoThread[] {
  const { random, now } = params
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
  const out: DemoThread[] = []
  const day = 86_400_000
  params.contacts.forEach((contact, i) => {
    const mailbox = i % 4 === 3 ? 'soporte' : 'ventas'
    const ours: [string, string] = [
      mailbox === 'ventas' ? 'Ventas Cartera Demo' : 'Soporte Cartera Demo',
      `${mailbox}@cartera-demo.es`,
    ]
    const theirs: [string, string] = [contact.name, contact.email]
    const [subject, text] = pick(mailbox === 'ventas' ? SALES : SUPPORT)
    const body = text
      .replace('{n}', String(5 + Math.floor(random() * 40)))
      .replace('{c}', 'Valencia')
    const opportunity =
      mailbox === 'ventas'
        ? params.opportunities.find((o) => o.companyId === contact.companyId)
        : undefined
    const token = opportunity ? `${mailbox}+o${opportunity.id}@cartera-demo.es` : undefined
    let at = now.getTime() - (5 + Math.floor(random() * 85)) * day
    const ids = [`demo-${i}-1@${contact.email.split('@')[1]}`]
    out.push({
      mailbox,
      raw: message({
        from: theirs,
        to: ours,
        subject,
        id: ids[0],
        date: new Date(at),
        body: `Hola,\n\n${body[0].toUpperCase()}${body.slice(1)}\n\nUn saludo,\n${contact.name}${contact.company ? `\n${contact.company}` : ''}\n`,
      }),
    })
    at += (2 + Math.floor(random() * 30)) * 3_600_000
    ids.push(`demo-${i}-2@cartera-demo.es`)
    out.push({
      mailbox,
      raw: message({
        from: ours,
        to: theirs,
        subject: `RE: ${subject}`,
        id: ids[1],
        date: new Date(at),
        inReplyTo: ids[0],
        references: [ids[0]],
        replyTo: token,
        body: `Hola ${contact.name.split(' ')[0]},\n\n${pick(REPLIES)}\n\n${ours[0]}\n`,
      }),
    })
    if (random() < 0.6) {
      at += (1 + Math.floor(random() * 48)) * 3_600_000
      ids.push(`demo-${i}-3@${contact.email.split('@')[1]}`)
      out.push({
        mailbox,
        raw: message({
          from: theirs,
          to: token ? [ours[0], token] : ours,
          subject: `RE: ${subject}`,
          id: ids[2],
          date: new Date(at),
          inReplyTo: ids[1],
          references: ids.slice(0, 2),
          body: `${pick(CUSTOMER_FOLLOW)}\n\n${contact.name}\n`,
        }),
      })
    }
  })
  const unknown = ['Marta Ruiz', 'Jorge Blanco', 'Lucía Ortega', 'Raúl Campos', 'Elena Vidal']
  unknown.forEach((name, i) => {
    out.push({
      mailbox: 'ventas',
      raw: message({
        from: [name, `${plain(name.split(' ')[0])}@nuevaempresa${i}.es`],
        to: ['Ventas Cartera Demo', 'ventas@cartera-demo.es'],
        subject: 'Información sobre vuestros servicios',
        id: `demo-unknown-${i}@nuevaempresa${i}.es`,
        date: new Date(now.getTime() - (1 + i) * day),
        body: 'Hola, hemos visto vuestra web y nos interesa saber más. ¿Podéis llamarnos?\n',
      }),
    })
  })
  for (let i = 0; i < 4; i++)
    out.push({
      mailbox: i % 2 ? 'soporte' : 'ventas',
      raw: message({
        from: ['Ofertas Increíbles', `promo${i}@ofertas-masivas.example`],
        to: ['Ventas', 'ventas@cartera-demo.es'],
        subject: '¡¡Gana un premio hoy mismo!!',
        id: `demo-spam-${i}@ofertas-masivas.example`,
        date: new Date(now.getTime() - (2 + i) * day),
        body: 'Pulse aquí para reclamar su premio.\n',
        extra: ['X-Spam-Flag: YES', 'X-Spam-Status: Yes, score=9.1'],
      }),
    })
  // One file that is not a mail at all: kept raw and flagged, as real archives sometimes hold.
  out.push({ mailbox: 'soporte', raw: Buffer.from([0, 159, 146, 150, 0, 255, 13, 10, 0]) })
  return out
}
