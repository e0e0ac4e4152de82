/**
 * Cues for the session player: short WebAudio beeps (no audio files), optional
 * spoken cues with speechSynthesis (off by default, remembered on the device),
 * and a screen wake lock while a session runs. Every API here may be missing
 * or may refuse; failures are ignored, the player works without them.
 */

let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    if (!ctx) {
      const Ctor =
        window.AudioContext ??
        (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctor) return null;
      ctx = new Ctor();
    }
    if (ctx.state === 'suspended') void ctx.resume();
    return ctx;
  } catch {
    return null;
  }
}

/** A soft beep: `high` for "go", `low` for a count, `done` for two rising tones. */
export function beep(kind: 'high' | 'low' | 'done' = 'low'): void {
  if (!soundOn()) return;
  const a = audio();
  if (!a) return;
  const tones = kind === 'done' ? [660, 880] : [kind === 'high' ? 880 : 520];
  tones.forEach((freq, i) => {
    try {
      const osc = a.createOscillator();
      const gain = a.createGain();
      const start = a.currentTime + i * 0.18;
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
      osc.connect(gain).connect(a.destination);
      osc.start(start);
      osc.stop(start + 0.18);
    } catch {
      // no sound: fine
    }
  });
}

const SOUND_KEY = 'hb:cues:sound';
const VOICE_KEY = 'hb:cues:voice';

const readFlag = (key: string, fallback: boolean) => {
  try {
    const v = localStorage.getItem(key);
    return v === null ? fallback : v === '1';
  } catch {
    return fallback;
  }
};
const writeFlag = (key: string, on: boolean) => {
  try {
    localStorage.setItem(key, on ? '1' : '0');
  } catch {
    // not remembered: fine
  }
};

export const soundOn = () => readFlag(SOUND_KEY, true);
export const setSoundOn = (on: boolean) => writeFlag(SOUND_KEY, on);
export const voiceOn = () => readFlag(VOICE_KEY, false);
export const setVoiceOn = (on: boolean) => {
  writeFlag(VOICE_KEY, on);
  if (!on) {
    try {
      speechSynthesis.cancel();
    } catch {
      // nothing to stop
    }
  }
};
export const voiceAvailable = () => typeof window !== 'undefined' && 'speechSynthesis' in window;

/** Speaks a short cue when the person turned spoken cues on. */
export function say(text: string): void {
  if (!voiceOn() || !voiceAvailable()) return;
  try {
    speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.rate = 0.95;
    speechSynthesis.speak(u);
  } catch {
    // no voice: fine
  }
}

interface Sentinel {
  release(): Promise<void>;
}
let lock: Sentinel | null = null;
let wanted = false;

async function acquire() {
  try {
    const wl = (navigator as unknown as { wakeLock?: { request(t: 'screen'): Promise<Sentinel> } }).wakeLock;
    if (wl && !lock) lock = await wl.request('screen');
  } catch {
    lock = null;
  }
}

function onVisible() {
  if (wanted && document.visibilityState === 'visible') {
    lock = null;
    void acquire();
  }
}

/** Keeps the screen on while a session runs (where the browser allows it). */
export function keepAwake(on: boolean): void {
  wanted = on;
  if (on) {
    document.addEventListener('visibilitychange', onVisible);
    void acquire();
  } else {
    document.removeEventListener('visibilitychange', onVisible);
    const l = lock;
    lock = null;
    if (l) void l.release().catch(() => undefined);
  }
}

/** Call from a tap (e.g. on Start): browsers only let sound start after a gesture. */
export function primeAudio(): void {
  audio();
}
