/**
 * The CDO cockpit: the use-case portfolio ({@code portfolio}), KPIs measured from the platform's telemetry
 * ({@code kpi}), FinOps cost attribution and budgets ({@code finops}), readiness and the monthly executive review
 * ({@code review}).
 */
package dev.northstar.cockpit;
