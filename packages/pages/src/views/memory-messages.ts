import type { Locale } from '@terroir/core';

/** The memory pages' strings (issue 11), in both served languages. */
const MEMORY_MESSAGES = {
  'zh-CN': {
    memories: '村民的记忆',
    memoriesLede: '村民和在外的老乡寄来的回忆，经编辑审核后展示。',
    noMemories: '还没有展示的记忆。',
    share: '分享您的记忆',
    shareLede: '您在村里的回忆、老照片或一段录音，都可以寄给村史馆。编辑审核后才会公开。',
    text: '您的记忆',
    textHint: '最多 5000 字，只接收纯文字。',
    name: '署名（可不填）',
    contact: '联系方式（可不填，不会公开，只供编辑联系您）',
    language: '用哪种语言写的',
    photos: '照片（可选，最多 3 张，JPEG、PNG 或 WebP，每张不超过 10 MB）',
    audio: '录音（可选，1 段，MP3、M4A 或 OGG，不超过 10 MB）',
    licence: '您授予村史馆的许可',
    licences: {
      'cc-by-4.0': '知识共享署名 4.0（CC BY 4.0）：任何人可以使用，但须注明出处',
      'museum-use-only': '仅限村史馆使用',
    },
    consent: '我确认这些内容是我本人的，并同意按上面选择的许可授权。',
    website: '网站（请留空）',
    send: '寄给村史馆',
    thanks: '已收到您的记忆，谢谢！审核通过后会展示在村史馆里。',
    another: '再分享一段',
    backToMemories: '看看大家的记忆',
    errorHeading: '没能寄出',
    by: '讲述人',
    anonymous: '匿名',
    photo: '随记忆寄来的照片',
    more: '更多记忆',
    licenceShort: { 'cc-by-4.0': 'CC BY 4.0', 'museum-use-only': '仅限村史馆使用' },
    errors: {
      consent_required: '请勾选同意授权许可。',
      too_many_memories: '近期从这里寄来的记忆较多，请稍后再试。',
      file_too_large: '文件太大：照片和录音每个不超过 10 MB。',
      audio_too_long: '录音太长：最长 5 分钟，请剪短后再试。',
      unsupported_media_type: '只接收 JPEG、PNG、WebP 照片和 MP3、M4A、OGG 录音。',
      broken_file: '有个文件打不开，可能已损坏。',
      image_too_large: '照片的像素太多，请缩小后再试。',
      too_many_files: '最多 3 张照片和 1 段录音。',
      text: '请写下您的记忆（不超过 5000 字）。',
      other: '表单有误，请检查后再试。',
      storage_unavailable: '暂时无法保存文件，请稍后再试。',
    },
  },
  en: {
    memories: 'Memories from villagers',
    memoriesLede: 'Memories sent in by villagers and people who grew up here, shown once an editor has reviewed them.',
    noMemories: 'No memories are shown yet.',
    share: 'Share a memory',
    shareLede: 'Send the museum a memory of the village, old photos or a short recording. Nothing is public before an editor reviews it.',
    text: 'Your memory',
    textHint: 'Plain text, at most 5000 characters.',
    name: 'Your name (optional)',
    contact: 'How to reach you (optional, never public, only for the editors)',
    language: 'Language you wrote in',
    photos: 'Photos (optional, up to 3 JPEG, PNG or WebP, 10 MB each)',
    audio: 'A recording (optional, one MP3, M4A or OGG, up to 10 MB)',
    licence: 'The licence you grant the museum',
    licences: {
      'cc-by-4.0': 'Creative Commons Attribution 4.0 (CC BY 4.0): anyone may reuse it with credit',
      'museum-use-only': 'For the village museum only',
    },
    consent: 'This is my own memory and I grant the licence chosen above.',
    website: 'Website (leave empty)',
    send: 'Send to the museum',
    thanks: 'Thank you, your memory was received. It will be shown in the museum once an editor has reviewed it.',
    another: 'Share another',
    backToMemories: 'Read the memories',
    errorHeading: 'Not sent',
    by: 'Told by',
    anonymous: 'Anonymous',
    photo: 'A photo sent in with a memory',
    more: 'More memories',
    licenceShort: { 'cc-by-4.0': 'CC BY 4.0', 'museum-use-only': 'Museum use only' },
    errors: {
      consent_required: 'Tick the box to grant the licence.',
      too_many_memories: 'Many memories have been sent from here recently. Please try again later.',
      file_too_large: 'A file is too large: photos and recordings may be at most 10 MB each.',
      audio_too_long: 'The recording is too long: at most 5 minutes; shorten it and try again.',
      unsupported_media_type: 'Only JPEG, PNG and WebP photos and MP3, M4A and OGG recordings are accepted.',
      broken_file: 'A file cannot be opened; it may be damaged.',
      image_too_large: 'A photo has too many pixels; make it smaller and try again.',
      too_many_files: 'At most 3 photos and one recording.',
      text: 'Write your memory (at most 5000 characters).',
      other: 'Something in the form is not right; check it and try again.',
      storage_unavailable: 'Files cannot be stored right now; please try again shortly.',
    },
  },
} as const;

export type MemoryMessages = (typeof MEMORY_MESSAGES)[Locale];

/**
 * The memory pages' strings for a locale.
 *
 * @example
 * memoryMessages('zh-CN').share // '分享您的记忆'
 */
export function memoryMessages(locale: Locale): MemoryMessages {
  return MEMORY_MESSAGES[locale];
}

/**
 * What to tell the sender about a refused form, from the error code and field.
 *
 * @example
 * memoryErrorText('en', 'consent_required') // 'Tick the box to grant the licence.'
 */
export function memoryErrorText(locale: Locale, code: string, field?: string): string {
  const errors = MEMORY_MESSAGES[locale].errors;
  if (code in errors) return errors[code as keyof typeof errors];
  if (field === 'text') return errors.text;
  return errors.other;
}
