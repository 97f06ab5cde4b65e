/**
 * Readable names of the museum's audit actions (the server records `entity.verb`), merged into
 * the activity log's names in messages.ts. Kept free of imports: the shell bundles it.
 *
 * @example
 * MUSEUM_AUDIT_ACTIONS['zh-CN']['memory.approve'] // '通过村民记忆'
 */
export const MUSEUM_AUDIT_ACTIONS: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    'chronicle_entry.create': '新增村史',
    'chronicle_entry.update': '修改村史',
    'chronicle_entry.delete': '删除村史',
    'museum_place.create': '新增地方',
    'museum_place.update': '修改地方',
    'museum_place.delete': '删除地方',
    'museum_person.create': '新增人物',
    'museum_person.update': '修改人物',
    'museum_person.delete': '删除人物',
    'museum_hall.create': '新增展厅',
    'museum_hall.update': '修改展厅',
    'museum_hall.delete': '删除展厅',
    'museum_hall.reorder': '调整展品顺序',
    'museum.links': '修改村史馆关联',
    'museum.settings': '更换村庄地图',
    'memory.approve': '通过村民记忆',
    'memory.reject': '不通过村民记忆',
    'memory.delete': '删除村民记忆',
  },
  en: {
    'chronicle_entry.create': 'Added chronicle entry',
    'chronicle_entry.update': 'Changed chronicle entry',
    'chronicle_entry.delete': 'Deleted chronicle entry',
    'museum_place.create': 'Added place',
    'museum_place.update': 'Changed place',
    'museum_place.delete': 'Deleted place',
    'museum_person.create': 'Added person',
    'museum_person.update': 'Changed person',
    'museum_person.delete': 'Deleted person',
    'museum_hall.create': 'Added hall',
    'museum_hall.update': 'Changed hall',
    'museum_hall.delete': 'Deleted hall',
    'museum_hall.reorder': 'Reordered exhibits',
    'museum.links': 'Changed museum links',
    'museum.settings': 'Replaced the village map',
    'memory.approve': 'Approved a memory',
    'memory.reject': 'Rejected a memory',
    'memory.delete': 'Deleted a memory',
  },
};
