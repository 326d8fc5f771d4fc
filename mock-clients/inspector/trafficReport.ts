/**
 * What the Inspector page may post to /api/traffic: a batch of raw exchanges, validated before
 * anything is recorded (bad input → 400, never a crash or a half-recorded batch).
 */
import { z } from 'zod';
import { MAX_RECORDED_BODY_CHARS } from '../core/traffic/rawExchange.ts';

const headers = z.record(z.string().max(200), z.string().max(16 * 1024)).refine((record) => Object.keys(record).length <= 100, 'at most 100 headers');

export const rawExchangeSchema = z.object({
  connectionId: z.string().regex(/^[\w-]{1,100}$/, 'connectionId: letters, digits, _ and - only'),
  phase: z.enum(['discovery', 'registration', 'authorization', 'token', 'refresh', 'mcp']),
  kind: z.enum(['http', 'browser-redirect', 'callback']),
  method: z.string().regex(/^[A-Za-z]{1,16}$/),
  url: z.string().max(16 * 1024).refine((url) => URL.canParse(url), 'url must be absolute'),
  requestHeaders: headers,
  requestBody: z.string().max(MAX_RECORDED_BODY_CHARS).optional(),
  status: z.number().int().min(0).max(999).optional(),
  error: z.string().max(500).optional(),
  responseHeaders: headers,
  responseBody: z.string().max(MAX_RECORDED_BODY_CHARS).optional(),
  startedAt: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative().optional(),
});

export const trafficReportSchema = z.object({ exchanges: z.array(rawExchangeSchema).max(500) });

/** A batch of 500 capped exchanges fits comfortably; anything larger is refused unread. */
export const TRAFFIC_REPORT_LIMIT_BYTES = 16 * 1024 * 1024;
