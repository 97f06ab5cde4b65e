/**
 * Chinese wording of each import problem, by reason code (the English message sits on the
 * error itself and may quote the cell). Shown by the CLI and returned by the API as
 * `messageZh`; the admin app has the same codes in its own message table.
 */
export const IMPORT_REASONS_ZH: Readonly<Record<string, string>> = {
  file_too_large: '文件太大（最多 5 MB）。',
  too_many_rows: '行数太多（每个文件最多 5000 行）。',
  empty_file: '表头下面没有数据行。',
  malformed_csv: '文件不是有效的 CSV（可能有未闭合的引号）。',
  missing_column: '请指定这一列对应哪个字段（商品名称和价格必须有）。',
  duplicate_column: '同一个字段出现了两列。',
  unknown_column: '文件里没有这一列。',
  invalid_slug: '商品标识只能用小写字母、数字和单个连字符（最多 80 个字符）。',
  unknown_category: '分类看不懂；可以在词表里把这个词对应到一个分类。',
  unknown_status: '状态看不懂（上架、草稿、下架）。',
  invalid_season: '上市月份看不懂（例如 3-5月、九月至十一月、全年）。',
  required: '这一项必须填写。',
  too_long: '内容太长。',
  invalid_price: '价格看不懂（例如 12.5、¥12、12元、12.5 元/斤；“面议”不能导入）。',
  unknown_unit: '单位看不懂；可以在词表里把这个词对应到一个单位。',
  invalid_number: '请填写范围内的整数（库存不能是负数）。',
  conflict: '与同一行里另一格的内容矛盾。',
  inconsistent_product: '同一商品的几行在这一项上不一致；可以选择“以第一行为准”。',
  duplicate_variant: '与前面某一行是同一个规格；请给每个规格不同的货号或规格名。',
  mixed_currency: '这个规格已经用另一种货币定价。',
};

/**
 * The Chinese sentence for an import problem's reason code.
 *
 * @example
 * importReasonZh('invalid_price') // '价格看不懂（例如 12.5、¥12、12元、12.5 元/斤；“面议”不能导入）。'
 */
export function importReasonZh(reason: string): string {
  return IMPORT_REASONS_ZH[reason] ?? '这一行有问题。';
}
