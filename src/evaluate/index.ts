export { confusionMatrix, rowNormalize } from './confusion-matrix';
export { classificationReport, type ClassMetrics, type ClassificationReport, type ClassificationReportInput } from './classification-report';
export { FLOAT32_EPSILON, logLoss, type LogLossOptions } from './log-loss';
export { auc, rocCurve, rocForJson, type RocCurve, type RocOptions } from './roc';
export { numpySum } from './numpy-sum';
export { argmaxRows } from './argmax';
