/** SEC10-BP08's query: errors and failures counted in 5-minute bins (apart, so the CLI can offer it as a default without loading the SDK). */
export const DEFAULT_INSIGHTS_QUERY =
  'fields @timestamp, @message | filter @message like /ERROR/ or @message like /FAILED/ | stats count() by bin(5m) | sort @timestamp desc';
