import type { Locale, PlaceKind } from '@terroir/core';

/** The museum pages' strings, in both served languages. */
const MUSEUM_MESSAGES = {
  'zh-CN': {
    museum: '村史馆',
    museumTitle: '数字村史馆',
    museumLede: '村里的老地方、老手艺人和村史，每件展品旁边都能买到它讲的物产。',
    halls: '展厅',
    places: '村里的地方',
    people: '人物',
    timeline: '村史',
    timelineExcerpt: '村史（节选）',
    fullTimeline: '看完整村史',
    map: '村庄地图',
    mapHint: '地图上的每个点都是一个地方，可以点开看看。',
    noMapImage: '（还没有上传手绘地图，地点按位置示意）',
    goods: '相关物产',
    buy: '去购买',
    noPrice: '暂不出售',
    exhibits: '展品',
    openMap: '在地图应用中打开',
    linkedPeople: '相关人物',
    linkedPlaces: '相关地方',
    linkedStories: '相关故事',
    chronicle: '村史记载',
    inHalls: '在这些展厅展出',
    producer: '他/她出售的物产',
    roles: '身份',
    life: '生卒',
    source: '出处',
    inMuseum: '在村史馆里',
    olderEntries: '更早以前',
    byPeriod: '按朝代、时期筛选',
    allPeriods: '全部',
    laterEntries: '接下来',
    placeKinds: {
      orchard: '果园',
      river: '河流',
      temple: '庙宇',
      well: '古井',
      'ancestral-hall': '祠堂',
      workshop: '作坊',
      market: '集市',
      'scenic-spot': '景点',
      other: '其他',
    } satisfies Record<PlaceKind, string>,
  },
  en: {
    museum: 'Museum',
    museumTitle: 'The digital village museum',
    museumLede: 'The village’s old places, its craftspeople and its chronicle, each exhibit one tap from the goods it explains.',
    halls: 'Halls',
    places: 'Places in the village',
    people: 'People',
    timeline: 'Village chronicle',
    timelineExcerpt: 'From the village chronicle',
    fullTimeline: 'The whole chronicle',
    map: 'Village map',
    mapHint: 'Each point on the map is a place; open it to see more.',
    noMapImage: '(No drawn map has been uploaded yet; the places are shown where they lie.)',
    goods: 'Goods it explains',
    buy: 'Buy',
    noPrice: 'Not for sale now',
    exhibits: 'Exhibits',
    openMap: 'Open in a map app',
    linkedPeople: 'People',
    linkedPlaces: 'Places',
    linkedStories: 'Stories',
    chronicle: 'In the chronicle',
    inHalls: 'Shown in these halls',
    producer: 'What they sell',
    roles: 'Roles',
    life: 'Life',
    source: 'Source',
    inMuseum: 'In the village museum',
    olderEntries: 'Earlier',
    byPeriod: 'Filter by period',
    allPeriods: 'All',
    laterEntries: 'Later',
    placeKinds: {
      orchard: 'Orchard',
      river: 'River',
      temple: 'Temple',
      well: 'Old well',
      'ancestral-hall': 'Ancestral hall',
      workshop: 'Workshop',
      market: 'Market',
      'scenic-spot': 'Scenic spot',
      other: 'Other',
    } satisfies Record<PlaceKind, string>,
  },
} as const;

export type MuseumMessages = (typeof MUSEUM_MESSAGES)[Locale];

/**
 * The museum pages' strings for a locale.
 *
 * @example
 * museumMessages('zh-CN').museum // '村史馆'
 */
export function museumMessages(locale: Locale): MuseumMessages {
  return MUSEUM_MESSAGES[locale];
}
