/**
 * Readiness and the monthly executive review: the view the cockpit renders ({@link
 * dev.northstar.cockpit.review.CockpitView}), the readiness checklist and 100-day plan evaluated from the platform
 * ({@link dev.northstar.cockpit.review.ReadinessEvaluator}), the charts shared by the console and the review ({@link
 * dev.northstar.cockpit.review.CockpitCharts}) and the printable review in HTML and PDF ({@link
 * dev.northstar.cockpit.review.MonthlyReview}).
 */
package dev.northstar.cockpit.review;
