/** Word lists for the Spanish demo data: real cities with their provinces, names, trades. */

/** [city, province, INE code (also the postal code prefix), landline prefix] */
export const CITIES: [string, string, string, string][] = [
  ['Madrid', 'Madrid', '28', '91'], ['Alcalá de Henares', 'Madrid', '28', '91'], ['Getafe', 'Madrid', '28', '91'],
  ['Móstoles', 'Madrid', '28', '91'], ['Barcelona', 'Barcelona', '08', '93'], ['Sabadell', 'Barcelona', '08', '93'],
  ['Terrassa', 'Barcelona', '08', '93'], ['Valencia', 'Valencia', '46', '96'], ['Gandia', 'Valencia', '46', '96'],
  ['Sevilla', 'Sevilla', '41', '95'], ['Dos Hermanas', 'Sevilla', '41', '95'], ['Málaga', 'Málaga', '29', '95'],
  ['Marbella', 'Málaga', '29', '95'], ['Zaragoza', 'Zaragoza', '50', '976'], ['Bilbao', 'Bizkaia', '48', '94'],
  ['Getxo', 'Bizkaia', '48', '94'], ['Vitoria-Gasteiz', 'Álava', '01', '945'], ['Donostia-San Sebastián', 'Gipuzkoa', '20', '943'],
  ['Valladolid', 'Valladolid', '47', '983'], ['Burgos', 'Burgos', '09', '947'], ['León', 'León', '24', '987'],
  ['Salamanca', 'Salamanca', '37', '923'], ['Oviedo', 'Asturias', '33', '985'], ['Gijón', 'Asturias', '33', '985'],
  ['Santander', 'Cantabria', '39', '942'], ['A Coruña', 'A Coruña', '15', '981'], ['Santiago de Compostela', 'A Coruña', '15', '981'],
  ['Vigo', 'Pontevedra', '36', '986'], ['Murcia', 'Murcia', '30', '968'], ['Cartagena', 'Murcia', '30', '968'],
  ['Alicante', 'Alicante', '03', '965'], ['Elche', 'Alicante', '03', '966'], ['Palma', 'Illes Balears', '07', '971'],
  ['Las Palmas de Gran Canaria', 'Las Palmas', '35', '928'], ['Santa Cruz de Tenerife', 'Santa Cruz de Tenerife', '38', '922'],
  ['Granada', 'Granada', '18', '958'], ['Córdoba', 'Córdoba', '14', '957'], ['Almería', 'Almería', '04', '950'],
  ['Jaén', 'Jaén', '23', '953'], ['Cádiz', 'Cádiz', '11', '956'], ['Jerez de la Frontera', 'Cádiz', '11', '956'],
  ['Huelva', 'Huelva', '21', '959'], ['Badajoz', 'Badajoz', '06', '924'], ['Cáceres', 'Cáceres', '10', '927'],
  ['Toledo', 'Toledo', '45', '925'], ['Albacete', 'Albacete', '02', '967'], ['Ciudad Real', 'Ciudad Real', '13', '926'],
  ['Logroño', 'La Rioja', '26', '941'], ['Pamplona', 'Navarra', '31', '948'], ['Huesca', 'Huesca', '22', '974'],
  ['Lleida', 'Lleida', '25', '973'], ['Girona', 'Girona', '17', '972'], ['Tarragona', 'Tarragona', '43', '977'],
  ['Reus', 'Tarragona', '43', '977'], ['Castellón de la Plana', 'Castellón', '12', '964'], ['Segovia', 'Segovia', '40', '921'],
]

export const SURNAMES = [
  'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez',
  'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres',
  'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega',
  'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marín', 'Sanz', 'Núñez', 'Iglesias', 'Medina', 'Garrido', 'Cortés', 'Castillo',
  'Santos', 'Lozano', 'Guerrero', 'Cano', 'Prieto', 'Méndez', 'Cruz', 'Calvo', 'Gallego', 'Vidal', 'León', 'Márquez',
  'Herrera', 'Peña', 'Flores', 'Cabrera', 'Campos', 'Vega', 'Fuentes', 'Carrasco', 'Caballero', 'Reyes', 'Nieto',
  'Aguilar', 'Pascual', 'Herrero', 'Lorenzo', 'Montero', 'Hidalgo', 'Ibáñez', 'Ferrer', 'Durán', 'Benítez', 'Mora',
  'Vicente', 'Arias', 'Carmona', 'Crespo', 'Pastor', 'Soto', 'Sáez', 'Velasco', 'Soler', 'Parra', 'Esteban', 'Bravo',
  'Gallardo', 'Rojas', 'Etxeberria', 'Puig', 'Vilanova', 'Otero',
]

export const MALE_NAMES = [
  'Antonio', 'José', 'Manuel', 'Francisco', 'David', 'Juan', 'Javier', 'Daniel', 'Carlos', 'Jesús', 'Alejandro', 'Miguel',
  'Rafael', 'Pablo', 'Pedro', 'Ángel', 'Sergio', 'Fernando', 'Jorge', 'Luis', 'Alberto', 'Álvaro', 'Adrián', 'Diego',
  'Raúl', 'Iván', 'Rubén', 'Óscar', 'Andrés', 'Enrique', 'Ramón', 'Vicente', 'Joaquín', 'Santiago', 'Víctor', 'Mario',
  'Roberto', 'Jaime', 'Ignacio', 'Alfonso', 'Iñaki', 'Jordi',
]

export const FEMALE_NAMES = [
  'María', 'Carmen', 'Ana', 'Isabel', 'Laura', 'Cristina', 'Marta', 'Lucía', 'Paula', 'Elena', 'Sara', 'Raquel', 'Pilar',
  'Rosa', 'Beatriz', 'Silvia', 'Patricia', 'Teresa', 'Andrea', 'Nuria', 'Irene', 'Alicia', 'Mónica', 'Sonia', 'Rocío',
  'Eva', 'Inmaculada', 'Montserrat', 'Claudia', 'Julia', 'Natalia', 'Alba', 'Noelia', 'Marina', 'Lorena', 'Esther',
  'Verónica', 'Sofía', 'Carla', 'Begoña', 'Ainhoa', 'Núria',
]

/** Company name patterns by industry: S = surname, S2 = another surname, C = city, P = place name. */
export const TRADES: Record<string, string[]> = {
  construccion: ['Construcciones {S}', 'Reformas {S} e Hijos', 'Excavaciones {C}', 'Construcciones Hermanos {S}', 'Obras y Promociones {S}'],
  alimentacion: ['Panificadora {S}', 'Conservas {S}', 'Embutidos {C}', 'Frutas {S} e Hijos', 'Bodegas {S}', 'Quesos {S}', 'Aceites {C}'],
  tecnologia: ['Sistemas Informáticos {C}', '{S} Software', 'Redes y Datos {S}', 'Soluciones Digitales {C}', 'Informática {S}'],
  hosteleria: ['Hotel {P}', 'Restaurante Casa {S}', 'Hostal {P}', 'Catering {S}', 'Asador {S}'],
  industria: ['Talleres {S}', 'Metalúrgica {C}', 'Plásticos {S}', 'Carpintería Metálica {S}', 'Mecanizados {S}'],
  comercio: ['Ferretería {S}', 'Distribuciones {S}', 'Suministros {C}', 'Papelería {S}', 'Electrodomésticos {S}'],
  transporte: ['Transportes {S}', 'Logística {C}', 'Mudanzas {S}', 'Autocares {S}', 'Transportes Hermanos {S}'],
  salud: ['Clínica Dental {S}', 'Farmacia {S}', 'Fisioterapia {C}', 'Óptica {S}', 'Clínica Veterinaria {C}'],
  educacion: ['Academia {S}', 'Autoescuela {C}', 'Centro de Formación {S}', 'Escuela Infantil {P}'],
  servicios_profesionales: ['Asesoría {S} y Asociados', 'Gestoría {S}', 'Abogados {S} y {S2}', 'Consultoría {C}', 'Arquitectos {S}'],
  inmobiliaria: ['Inmobiliaria {C} Centro', 'Fincas {S}', 'Gestión Patrimonial {S}', 'Alquileres {C}'],
  agricultura: ['Cooperativa Agrícola {C}', 'Viveros {S}', 'Explotaciones Agrarias {S}', 'Granja {S}'],
  energia: ['Instalaciones Eléctricas {S}', 'Solar {C}', 'Energías Renovables {S}', 'Climatización {S}'],
  otros: ['Limpiezas {S}', 'Seguridad {C}', 'Imprenta {S}', 'Lavandería {S}'],
}

export const PLACES = ['Mirador', 'El Puerto', 'La Alameda', 'Los Olivos', 'San Roque', 'La Plaza', 'El Parque', 'Santa Ana', 'Las Dunas', 'El Castillo']

export const STREETS = [
  'Calle Mayor', 'Avenida de la Constitución', 'Calle Real', 'Polígono Industrial Las Arenas, nave', 'Calle San Francisco',
  'Calle Alcalá', 'Avenida de Andalucía', 'Calle del Carmen', 'Plaza de España', 'Calle Nueva', 'Camino Viejo',
  'Calle Colón', 'Avenida del Puerto', 'Calle de la Industria', 'Polígono El Pino, parcela', 'Ronda Norte',
]

/** [masculine, feminine, department] */
export const POSITIONS: [string, string, string][] = [
  ['Gerente', 'Gerente', 'Dirección'], ['Director general', 'Directora general', 'Dirección'],
  ['Director de compras', 'Directora de compras', 'Compras'], ['Responsable de compras', 'Responsable de compras', 'Compras'],
  ['Responsable de administración', 'Responsable de administración', 'Administración'], ['Director financiero', 'Directora financiera', 'Finanzas'],
  ['Contable', 'Contable', 'Finanzas'], ['Director comercial', 'Directora comercial', 'Comercial'], ['Jefe de ventas', 'Jefa de ventas', 'Comercial'],
  ['Jefe de producción', 'Jefa de producción', 'Producción'], ['Responsable de almacén', 'Responsable de almacén', 'Logística'],
  ['Responsable de calidad', 'Responsable de calidad', 'Calidad'], ['Responsable de marketing', 'Responsable de marketing', 'Marketing'],
  ['Técnico de compras', 'Técnica de compras', 'Compras'], ['Administrativo', 'Administrativa', 'Administración'],
  ['Responsable de sistemas', 'Responsable de sistemas', 'Sistemas'],
]

export const NOTES = [
  'Llamada de seguimiento: interesados en ampliar el pedido el próximo trimestre.',
  'Enviada propuesta comercial por correo; quedan en responder antes de fin de mes.',
  'Visita a sus instalaciones. Pendiente de preparar presupuesto.',
  'Reclaman un retraso en la última entrega; se les ofrece un 5 % de descuento en la siguiente.',
  'Reunión anual de revisión de condiciones: mantienen forma de pago a 60 días.',
  'Piden catálogo actualizado y tarifas del año próximo.',
  'Cambio de persona de contacto en administración; actualizar los datos de facturación.',
]
