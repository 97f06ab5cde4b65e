import { Page } from '../form-fields';
export function HallList() {
  return <Page title="halls">{null}</Page>;
}
export function HallForm(_: { id: string | null }) {
  return <Page title="halls">{null}</Page>;
}
