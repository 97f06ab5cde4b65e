// The demo village seed, as its own entry (`@terroir/core/seed`) so the demo content stays
// out of the main bundle of sites that never seed.
export { seedDemoVillage, type DemoSeedResult } from './seed';
export {
  DEMO_VILLAGE,
  DEMO_COOP_SLUG,
  DEMO_AUDIO,
  DEMO_PAPERCUT_AUDIO,
  DEMO_DISCLAIMER,
  type DemoVillage,
  type DemoProducer,
  type DemoProduct,
  type DemoStory,
} from './demo-village';
export { DEMO_CHRONICLE, DEMO_PLACES, DEMO_PEOPLE, DEMO_HALLS, DEMO_MUSEUM_MEDIA, seedDemoMuseum, type DemoMuseumMedia } from './demo-museum';
