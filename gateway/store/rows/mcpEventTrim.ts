/**
 * The events trim() drops, in SQL both dialects run (placeholders given by the caller): every one
 * but the newest that is beyond the newest `max`, or whose JSON with all newer ones exceeds `maxChars`.
 */
export const trimmedEventsSql = (session: string, max: string, maxChars: string) => `SELECT seq FROM (
    SELECT seq, ROW_NUMBER() OVER (ORDER BY seq DESC) AS newer, SUM(LENGTH(message)) OVER (ORDER BY seq DESC) AS chars
    FROM mcp_events WHERE session_id = ${session}
  ) AS ranked WHERE newer > 1 AND (newer > ${max} OR chars > ${maxChars})`;
