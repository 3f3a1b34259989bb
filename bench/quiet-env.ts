/**
 * Imported first by the bench entry points: the handlers' logger reads its level when its
 * module loads, which is before startLocalSystem sets the handlers' environment.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
