import type { SaleUnit } from '../catalog/types';
import { toHalfWidth } from './price-parsing';

/** Every spelling of a unit a spreadsheet may hold, mapped onto the stored unit. */
const UNIT_ALIASES: Record<string, SaleUnit> = {
  斤: 'jin',
  市斤: 'jin',
  jin: 'jin',
  公斤: 'kg',
  千克: 'kg',
  kg: 'kg',
  克: 'g',
  g: 'g',
  个: 'piece',
  件: 'piece',
  只: 'piece',
  piece: 'piece',
  pcs: 'piece',
  盒: 'box',
  箱: 'box',
  box: 'box',
  把: 'bundle',
  捆: 'bundle',
  扎: 'bundle',
  bundle: 'bundle',
};

/**
 * Reads a unit cell: a unit alone (`斤`, `kg`) or with a quantity in front (`5斤`, `2.5公斤`
 * is refused: quantities are whole units). Returns null for anything unknown.
 *
 * @example
 * parseUnit('5斤')  // { unit: 'jin', quantity: 5 }
 * parseUnit('公斤') // { unit: 'kg', quantity: null }
 */
export function parseUnit(cell: string): { unit: SaleUnit; quantity: number | null } | null {
  const text = toHalfWidth(cell).trim().toLowerCase().replace(/\s+/g, '');
  const match = /^(\d{1,6})?(.+)$/.exec(text);
  if (!match) return null;
  const unit = UNIT_ALIASES[match[2]!];
  if (!unit) return null;
  const quantity = match[1] === undefined ? null : Number(match[1]);
  if (quantity === 0) return null;
  return { unit, quantity };
}
