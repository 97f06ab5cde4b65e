// The stories module: heritage stories with their dates, their media references and the story
// graph (tables `stories`, `story_products`, `story_producers`, `story_links`), read both ways;
// a story's places are museum places linked through `museum_links` (docs/museum.md).
export * from './story-types';
export * from './story-mappers';
export * from './story-editor';
export * from './story-writer';
export * from './story-graph';
export * from './story-reader';
export * from './render-markdown';
export { storyColumns } from './story-rows';
export * from './story-slugs';
export * from './story-time';
