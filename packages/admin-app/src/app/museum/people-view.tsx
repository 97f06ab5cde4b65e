import { Page } from '../form-fields';
export function PersonList() {
  return <Page title="people">{null}</Page>;
}
export function PersonForm(_: { id: string | null }) {
  return <Page title="people">{null}</Page>;
}
