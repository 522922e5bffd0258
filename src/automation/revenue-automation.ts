import { isRevenueReportError, revenueReport, type RevenueReport } from '../revenue';
import { fail, type AutomationResult } from './result';

/** `tau revenue`: the same projection module the revenue panel uses, run in the page. */
export const revenueAutomation = {
  revenue(argv: string[]): AutomationResult<RevenueReport> {
    const report = revenueReport(argv);
    if (isRevenueReportError(report)) return fail(report.error.code, report.error.message);
    return { ok: true, value: report };
  },
};
