/*
| Administration: users, roles, teams, modules (marketplace), licence, audit log.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

router.group(() => {
  router.get('/', ({ response }) => response.redirect('/admin/users')).as('admin')
}).prefix('/admin').use([middleware.auth(), middleware.access(), middleware.admin()])
