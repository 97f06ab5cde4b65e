import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from './messages';

/** A decoder of one video frame: the QR code's text, or null when the frame has none. */
type FrameDecoder = (video: HTMLVideoElement) => Promise<string | null>;

interface NativeBarcodeDetector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type NativeBarcodeDetectorClass = new (options: { formats: string[] }) => NativeBarcodeDetector;

/**
 * The phone's own QR reader (`BarcodeDetector`, Chrome on Android) when there is one; else jsQR,
 * the field's standard pure-JavaScript reader, loaded only when someone presses "scan" (so the
 * workspace does not download it otherwise).
 */
async function createDecoder(): Promise<FrameDecoder> {
  const Native = (globalThis as { BarcodeDetector?: NativeBarcodeDetectorClass }).BarcodeDetector;
  if (Native) {
    try {
      const detector = new Native({ formats: ['qr_code'] });
      return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
    } catch {
      // A BarcodeDetector without QR support: fall through to jsQR.
    }
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (!context || width === 0 || height === 0) return null;
    canvas.width = width;
    canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    const found = jsQR(context.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: 'attemptBoth' });
    return found?.data ?? null;
  };
}

/** Whether this browser can open a camera at all (the scan button is shown only then). */
export const canScan = (): boolean => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

type ScanState = 'starting' | 'scanning' | 'denied' | 'no-camera' | 'failed';

const STATE_MESSAGE: Record<ScanState, MessageKey> = {
  starting: 'scanStarting',
  scanning: 'scanAim',
  denied: 'scanDenied',
  'no-camera': 'scanNoCamera',
  failed: 'scanFailed',
};

/**
 * A camera view that reads a QR code (the receipt's pickup code) and hands its text to `onCode`
 * once; staff still confirm with the form's own button. Escape or "cancel" closes it and stops the
 * camera; every state (opening, aim, denied, no camera) is said in words in a live region.
 *
 * @example
 * {scanning && <ScanCode t={t} onCode={(text) => setCode(text)} onClose={() => setScanning(false)} />}
 */
export function ScanCode({ t, onCode, onClose }: { t: (key: MessageKey) => string; onCode: (text: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<ScanState>('starting');

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    cancel.current?.focus();
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (!stopped)
          setState(
            name === 'NotAllowedError' || name === 'SecurityError'
              ? 'denied'
              : name === 'NotFoundError' || name === 'OverconstrainedError'
                ? 'no-camera'
                : 'failed',
          );
        return;
      }
      if (stopped || !video.current) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      let decode: FrameDecoder;
      try {
        decode = await createDecoder();
      } catch {
        if (!stopped) setState('failed');
        return;
      }
      if (stopped) return;
      setState('scanning');
      // A few frames a second is enough for a code held still, and spares a phone's battery.
      const tick = async () => {
        if (stopped || !video.current) return;
        const text = await decode(video.current).catch(() => null);
        if (stopped) return;
        if (text) {
          onCode(text);
          return;
        }
        timer = setTimeout(() => void tick(), 200);
      };
      void tick();
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div
      class="scan"
      role="group"
      aria-labelledby="scan-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <p id="scan-title" class="scan-title">
        {t('scanTitle')}
      </p>
      <video ref={video} class="scan-video" muted playsInline aria-label={t('scanTitle')} />
      <p class={state === 'scanning' || state === 'starting' ? 'muted' : 'field-error'} role="status">
        {t(STATE_MESSAGE[state])}
      </p>
      <button ref={cancel} type="button" class="button" onClick={onClose}>
        {t('scanCancel')}
      </button>
    </div>
  );
}
