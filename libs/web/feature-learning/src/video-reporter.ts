// When the video player reports where the learner is (docs/learning-api.md, `video_position`): about every ten
// seconds of playback, on pause, on leaving the lesson, and `completed` with the position at the end.
import type { ProgressEventType } from '@academie/contracts';

/** Seconds of video between two position reports while it plays. */
export const POSITION_REPORT_EVERY_SECONDS = 10;

export type VideoReport = (type: Extract<ProgressEventType, 'video_position' | 'completed'>, position: number) => void;

export class VideoReporter {
  private lastReported: number | null = null;

  constructor(private readonly report: VideoReport) {}

  /** `timeupdate` (several times a second while playing). */
  onTimeUpdate(currentTime: number, paused: boolean): void {
    if (paused || !Number.isFinite(currentTime)) return;
    if (this.lastReported === null ? currentTime >= POSITION_REPORT_EVERY_SECONDS : Math.abs(currentTime - this.lastReported) >= POSITION_REPORT_EVERY_SECONDS) {
      this.send('video_position', currentTime);
    }
  }

  /** `pause` (also fired just before `ended`, which reports on its own). */
  onPause(currentTime: number, ended: boolean): void {
    if (ended || !Number.isFinite(currentTime)) return;
    if (this.lastReported === null || Math.abs(currentTime - this.lastReported) >= 0.5) this.send('video_position', currentTime);
  }

  /** `ended`: the end reached, which completes the lesson when the position is past the share to watch. */
  onEnded(currentTime: number): void {
    if (!Number.isFinite(currentTime)) return;
    this.send('completed', currentTime);
  }

  /** Leaving the lesson (another lesson, another page) while the video was somewhere new. */
  onLeave(currentTime: number): void {
    if (!Number.isFinite(currentTime) || currentTime < 1) return;
    if (this.lastReported === null || Math.abs(currentTime - this.lastReported) >= 1) this.send('video_position', currentTime);
  }

  private send(type: 'video_position' | 'completed', position: number): void {
    this.lastReported = position;
    this.report(type, position);
  }
}
