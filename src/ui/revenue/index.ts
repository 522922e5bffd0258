export { RevenuePanel, type RevenuePanelProps } from './RevenuePanel';
