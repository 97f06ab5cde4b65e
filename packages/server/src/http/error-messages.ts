import type { Locale } from '@terroir/core';

/** An API message in both languages the product speaks. */
export type ApiMessage = Record<Locale, string>;

/**
 * The fixed message of every error code the APIs answer with. Handlers name a code; the
 * English text goes into `error.message` (the API contract), and clients that show errors to
 * people may translate by `error.code` with the zh-CN column. A handler passes its own
 * message only when it carries data (`Only 3 in stock`).
 */
export const ERROR_MESSAGES = {
  invalid_json: { en: 'The body is not valid JSON.', 'zh-CN': '请求体不是有效的 JSON。' },
  invalid_body: { en: 'The body does not match the schema.', 'zh-CN': '请求体格式不正确。' },
  invalid_parameter: { en: 'A parameter is malformed.', 'zh-CN': '参数格式不正确。' },
  unsupported_media_type: { en: 'Send JSON (Content-Type: application/json).', 'zh-CN': '请以 JSON 发送（Content-Type: application/json）。' },
  payload_too_large: { en: 'The request body is too large.', 'zh-CN': '请求体过大。' },
  not_found: { en: 'Not found.', 'zh-CN': '未找到。' },
  method_not_allowed: { en: 'Method not allowed.', 'zh-CN': '不支持该请求方法。' },
  conflict: { en: 'A record with this value exists already.', 'zh-CN': '已存在相同的记录。' },
  in_use: { en: 'This record is referenced by others (orders, links) and cannot be changed this way.', 'zh-CN': '该记录正被订单或关联引用，无法这样修改。' },
  out_of_range: { en: 'A value is out of range.', 'zh-CN': '有数值超出范围。' },
  unprocessable: { en: 'The request cannot be carried out.', 'zh-CN': '无法处理该请求。' },
  too_many_requests: { en: 'Too many requests. Try again later.', 'zh-CN': '请求过多，请稍后再试。' },
  bad_request: { en: 'Bad request.', 'zh-CN': '请求无效。' },
  internal_error: { en: 'Something went wrong on our side.', 'zh-CN': '服务器出错了。' },
  // Admin API
  unauthenticated: { en: 'Please log in.', 'zh-CN': '请先登录。' },
  invalid_token: { en: 'Invalid or revoked API token.', 'zh-CN': 'API 令牌无效或已撤销。' },
  csrf_failed: { en: 'Missing or wrong CSRF token, or a request from another site.', 'zh-CN': 'CSRF 令牌缺失或错误，或请求来自其他网站。' },
  login_origin: { en: 'Log in from the admin page itself.', 'zh-CN': '请在管理页面本身登录。' },
  forbidden: { en: 'Your role may not do this.', 'zh-CN': '您的角色无权执行此操作。' },
  session_required: { en: 'Log in as a person to do this; API tokens cannot.', 'zh-CN': '此操作需要以个人身份登录，API 令牌不可用。' },
  too_many_attempts: { en: 'Too many failed attempts. Try again later.', 'zh-CN': '失败次数过多，请稍后再试。' },
  invalid_credentials: { en: 'Wrong email or password.', 'zh-CN': '邮箱或密码错误。' },
  wrong_current_password: { en: 'The current password is wrong.', 'zh-CN': '当前密码错误。' },
  slug_taken: { en: 'This slug is in use; choose another.', 'zh-CN': '该标识已被使用，请换一个。' },
  unknown_producer: { en: 'No such producer in this cooperative.', 'zh-CN': '本合作社没有这位生产者。' },
  insufficient_stock: { en: 'Stock cannot go below zero.', 'zh-CN': '库存不能小于零。' },
  self_link: { en: 'A story cannot link to itself.', 'zh-CN': '故事不能关联到自己。' },
  unknown_reference: { en: 'A linked record, exhibit or media item is not one of this cooperative.', 'zh-CN': '关联的记录、展品或媒体不属于本合作社。' },
  wrong_media_kind: {
    en: 'This media item is of the wrong kind here (a picture where a recording belongs).',
    'zh-CN': '此处的媒体类型不对（例如应为录音却选了图片）。',
  },
  already_member: { en: 'This person is a member already.', 'zh-CN': '此人已是成员。' },
  password_required: { en: 'Set a first password for a new account.', 'zh-CN': '请为新账户设置初始密码。' },
  currency_in_use: { en: 'Variants are priced in the current currency; change them first.', 'zh-CN': '规格仍以当前币种定价，请先修改规格。' },
  kind_fixed: { en: 'A pickup point cannot become a delivery option; add a new one.', 'zh-CN': '自提点不能改为配送方式，请新建一个。' },
  invalid_cursor: { en: 'Not a cursor from this list.', 'zh-CN': '不是此列表的分页游标。' },
  invalid_transition: { en: 'The order cannot move to this status now; reload it.', 'zh-CN': '订单当前无法变更为该状态，请刷新。' },
  not_cancellable: {
    en: 'Only orders waiting for payment can be cancelled; refund a paid order instead.',
    'zh-CN': '只有待付款订单可以取消；已付款订单请退款。',
  },
  payments_not_configured: {
    en: 'This server has no payment provider configured; refund in the provider dashboard.',
    'zh-CN': '服务器未配置支付服务，请在支付平台后台退款。',
  },
  provider_refused: { en: 'The payment provider refused the refund; try again later.', 'zh-CN': '支付服务拒绝了退款，请稍后再试。' },
  invalid_amount: { en: 'The refund amount is more than what can be refunded.', 'zh-CN': '退款金额超过可退金额。' },
  not_refundable: { en: 'This order cannot be refunded in its current state.', 'zh-CN': '该订单当前状态无法退款。' },
  stock_changed: { en: 'Stock changed since the dry run; review the file again.', 'zh-CN': '试运行后库存已变化，请重新检查文件。' },
  csv_media_type: { en: 'Send the CSV file itself (Content-Type: text/csv).', 'zh-CN': '请直接发送 CSV 文件（Content-Type: text/csv）。' },
  upload_media_type: { en: 'Upload the file as multipart/form-data (field "file").', 'zh-CN': '请以 multipart/form-data 上传文件（字段 "file"）。' },
  upload_form_unreadable: { en: 'The upload form could not be read.', 'zh-CN': '无法读取上传表单。' },
  upload_file_missing: { en: 'file: attach one file.', 'zh-CN': 'file：请附上一个文件。' },
  storage_unavailable: {
    en: 'The media store is not reachable right now; nothing was saved. Try again in a moment.',
    'zh-CN': '媒体存储暂时无法连接，未保存任何内容，请稍后再试。',
  },
  invalid_csv: { en: 'There are problems in the file; nothing was imported.', 'zh-CN': '文件有问题，未导入任何内容。' },
  // Two-factor sign-in, invitations, streamed uploads, CSV limits, checkout limits (issue 14)
  challenge_expired: { en: 'The sign-in took too long or was used already. Enter your password again.', 'zh-CN': '登录已超时或已使用，请重新输入密码。' },
  invalid_code: { en: 'Wrong or already used code.', 'zh-CN': '验证码错误或已使用。' },
  enrol_code_mismatch: {
    en: 'That code does not match: check the time on your phone and try the next code.',
    'zh-CN': '验证码不匹配：请检查手机时间，再试下一个验证码。',
  },
  two_factor_required: {
    en: 'This cooperative requires owners to sign in with two-factor. Turn it on under your account first.',
    'zh-CN': '本合作社要求负责人使用两步验证登录，请先在“我的账户”中开启。',
  },
  two_factor_first: {
    en: 'Turn on two-factor for your own account before requiring it of every owner.',
    'zh-CN': '请先为自己的账户开启两步验证，再要求所有负责人开启。',
  },
  wrong_password: { en: 'The password is wrong.', 'zh-CN': '密码错误。' },
  invitation_invalid: {
    en: 'This invitation has expired, was used already or was withdrawn. Ask for a new one.',
    'zh-CN': '邀请已过期、已使用或已撤回，请索取新的邀请。',
  },
  invitation_email_mismatch: { en: 'This invitation is for another email address. Sign in with that one.', 'zh-CN': '此邀请发给另一个邮箱，请用该邮箱登录。' },
  sign_in_to_accept: { en: 'An account with this email exists: sign in, then open the invitation again.', 'zh-CN': '该邮箱已有账户：请先登录，再打开邀请。' },
  accept_password_required: { en: 'Choose a password for your new account, or sign in first.', 'zh-CN': '请为新账户设置密码，或先登录。' },
  accept_origin: { en: 'Accept the invitation from the admin page itself.', 'zh-CN': '请在管理页面本身接受邀请。' },
  invalid_email: { en: 'Not a valid email address.', 'zh-CN': '邮箱地址无效。' },
  file_too_large: { en: 'The file is larger than allowed for its kind.', 'zh-CN': '文件超过该类型允许的大小。' },
  upload_unsupported: {
    en: 'Upload a JPEG, PNG or WebP image, MP3, M4A, OGG or WAV audio, or MP4 or WebM video.',
    'zh-CN': '请上传 JPEG、PNG、WebP 图片，MP3、M4A、OGG、WAV 音频，或 MP4、WebM 视频。',
  },
  upload_too_many_parts: {
    en: 'The upload form has too many parts: send one file and its text fields.',
    'zh-CN': '上传表单的部分过多：请只发送一个文件及其文字字段。',
  },
  upload_interrupted: { en: 'The upload was interrupted.', 'zh-CN': '上传中断。' },
  too_many_rows: { en: 'At most 5000 rows per file.', 'zh-CN': '每个文件最多 5000 行。' },
  checkout_limit_reached: {
    en: 'Too many unpaid checkouts are holding stock right now. Finish or abandon an earlier payment, then try again later.',
    'zh-CN': '未付款的订单太多，暂时无法再次结算。请先完成或放弃之前的付款，稍后再试。',
  },
  // Memories sent in (issue 11)
  memory_form_type: {
    en: 'Send the memory as multipart/form-data (fields text, consent, licence, lang; files photos and audio).',
    'zh-CN': '请以 multipart/form-data 发送记忆（字段 text、consent、licence、lang；文件 photos 和 audio）。',
  },
  too_many_memories: {
    en: 'Many memories have been sent from here recently. Please try again later.',
    'zh-CN': '近期从这里发送的记忆较多，请稍后再试。',
  },
  consent_required: { en: 'Tick the box to agree to the licence before sending.', 'zh-CN': '发送前请勾选同意授权许可。' },
  too_many_files: { en: 'Too many files: at most 3 photos and one audio clip.', 'zh-CN': '文件过多：最多 3 张照片和 1 段录音。' },
  // Pay at pickup (issue 13)
  pickup_code_invalid: { en: 'A pickup code is 6 letters and digits, like K7M-4PX.', 'zh-CN': '取货码是 6 位字母和数字，例如 K7M-4PX。' },
  pickup_code_not_found: { en: 'No pay-at-pickup order has this code. Check it with the customer.', 'zh-CN': '没有使用此取货码的到店付款订单，请与顾客核对。' },
  pickup_expired: {
    en: 'The pickup window of this order has passed and its stock was released. Place a new order if the goods are still there.',
    'zh-CN': '该订单的取货时间已过，库存已释放。如商品仍在，请重新下单。',
  },
  already_collected: { en: 'This order was collected already.', 'zh-CN': '该订单已取货。' },
  not_collectable: { en: 'This order cannot be collected in its current state.', 'zh-CN': '该订单当前状态无法取货。' },
  // Spreadsheet import with a column mapping (issue 13)
  invalid_mapping: { en: 'The column mapping cannot be used; see the issues.', 'zh-CN': '列的对应关系有问题，请查看具体说明。' },
  invalid_import_words: {
    en: 'The word table has words or targets that cannot be used; see the issues.',
    'zh-CN': '词表中有无法使用的词或对应项，请查看具体说明。',
  },
} satisfies Record<string, ApiMessage>;

/** A code with a message in {@link ERROR_MESSAGES}. */
export type KnownErrorCode = keyof typeof ERROR_MESSAGES;

/**
 * The message of a known code in one locale (English by default).
 *
 * @example
 * errorMessage('slug_taken') // 'This slug is in use; choose another.'
 * errorMessage('slug_taken', 'zh-CN') // '该标识已被使用，请换一个。'
 */
export function errorMessage(code: string, locale: Locale = 'en'): string | undefined {
  return (ERROR_MESSAGES as Record<string, ApiMessage>)[code]?.[locale];
}
