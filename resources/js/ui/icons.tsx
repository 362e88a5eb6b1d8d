import {
  IconAddressBook,
  IconBuilding,
  IconHome,
  IconLicense,
  IconPackages,
  IconShieldLock,
  IconUsers,
  IconUsersGroup,
  IconHistory,
  IconPuzzle,
  IconCoin,
  IconNumbers,
  IconListDetails,
  IconForms,
  IconClockPlay,
  IconTrash,
  type Icon,
} from '@tabler/icons-react'

/** Icons modules may name in their navigation entries. */
const icons: Record<string, Icon> = {
  home: IconHome,
  building: IconBuilding,
  users: IconAddressBook,
  user: IconUsers,
  team: IconUsersGroup,
  roles: IconShieldLock,
  modules: IconPackages,
  licence: IconLicense,
  audit: IconHistory,
  currency: IconCoin,
  series: IconNumbers,
  lists: IconListDetails,
  custom_fields: IconForms,
  jobs: IconClockPlay,
  bin: IconTrash,
}

export function NavIcon({ name, size = 18 }: { name: string | null; size?: number }) {
  const Component = (name && icons[name]) || IconPuzzle
  return <Component size={size} stroke={1.6} />
}
