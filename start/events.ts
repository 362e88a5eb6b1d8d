/*
| Event listeners of every registered module (the manifests' `listeners` hook), registered once
| at boot; each runs only for organizations where its module is enabled.
*/
import emitter from '@adonisjs/core/services/emitter'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import { registerModuleListeners } from '#app/registry/listeners'
import { registerBinChild } from '#app/bin/resources'
import { documentsBinChild } from '#app/documents/bin_child'
import { customFieldsBinChild } from '#app/custom_fields/bin_child'
import { tagsBinChild } from '#app/tags/bin_child'

await registerModuleListeners(await moduleRegistry(), await installer(), emitter)

// Kernel services whose rows follow a record through the recycle bin.
registerBinChild(documentsBinChild)
registerBinChild(customFieldsBinChild)
registerBinChild(tagsBinChild)
