/**
 * Network line items: NAT gateway hours and GB processed, cross-region
 * transfer, and VPC endpoints (gateway endpoints to S3/DynamoDB are free;
 * interface endpoints bill per AZ-hour and per GB).
 */
import { finite, integer, object, finiteResult } from "../internal/errors";
import { lineItem, type LineItem } from "./money";
import { priceBook, type PriceBook } from "./pricing";

/** Interface VPC endpoints (PrivateLink). */
export interface InterfaceEndpoints {
  /** Endpoints, integer >= 0. */
  readonly endpoints: number;
  /** Availability zones each endpoint is provisioned in, integer >= 1. */
  readonly azs: number;
  /** GB processed per month through all of them, >= 0. */
  readonly gbPerMonth?: number;
}

/** Options of {@link network}. Every volume is GB per month, >= 0. */
export interface NetworkOptions {
  /** NAT gateways running all month, integer >= 0. */
  readonly natGateways?: number;
  /** GB processed by NAT gateways. */
  readonly natGatewayGb?: number;
  /** GB sent to another region. */
  readonly crossRegionGb?: number;
  /** GB sent through gateway endpoints (S3, DynamoDB) instead of NAT. */
  readonly gatewayEndpointGb?: number;
  readonly interfaceEndpoints?: InterfaceEndpoints;
  readonly prices?: PriceBook;
}

/**
 * Monthly network cost, one line item per charge given. Rates come from
 * the price book (NAT $0.045/h + $0.045/GB, cross-region $0.02/GB in the
 * us-east-1 snapshot); the hours of an always-on NAT gateway or endpoint are
 * the book's month (730 h).
 * @param options see {@link NetworkOptions}
 * @returns network {@link LineItem}s (empty when nothing is given)
 * @throws TypeError/RangeError when an input is outside its range
 * @example network({ natGateways: 1, natGatewayGb: 1000 }).map((i) => i.usdPerMonth) // => [32.85, 45]
 */
export function network(options: NetworkOptions): LineItem[] {
  const where = "cost.network";
  object(where, "options", options);
  const book = priceBook(where, "prices", options.prices);
  const p = book.network;
  const items: LineItem[] = [];
  const gb = (name: keyof NetworkOptions) => finite(where, name, options[name], { min: 0 });
  if (options.natGateways !== undefined) {
    const n = integer(where, "natGateways", options.natGateways, { min: 0 });
    items.push(lineItem("network", "NAT gateway hours", { amount: n * book.hoursPerMonth, unit: "hour" }, { usd: p.natGatewayUsdPerHour, per: "hour" }));
  }
  if (options.natGatewayGb !== undefined) {
    items.push(lineItem("network", "NAT gateway data processed", { amount: gb("natGatewayGb"), unit: "GB" }, { usd: p.natGatewayUsdPerGb, per: "GB" }));
  }
  if (options.crossRegionGb !== undefined) {
    items.push(lineItem("network", "cross-region transfer", { amount: gb("crossRegionGb"), unit: "GB" }, { usd: p.crossRegionUsdPerGb, per: "GB" }));
  }
  if (options.gatewayEndpointGb !== undefined) {
    items.push(lineItem("network", "gateway endpoint data", { amount: gb("gatewayEndpointGb"), unit: "GB" }, { usd: p.gatewayEndpointUsdPerGb, per: "GB" }));
  }
  if (options.interfaceEndpoints !== undefined) {
    const ie = object<InterfaceEndpoints>(where, "interfaceEndpoints", options.interfaceEndpoints);
    const endpoints = integer(where, "interfaceEndpoints.endpoints", ie.endpoints, { min: 0 });
    const azs = integer(where, "interfaceEndpoints.azs", ie.azs, { min: 1 });
    items.push(
      lineItem("network", "interface endpoint hours", { amount: endpoints * azs * book.hoursPerMonth, unit: "AZ-hour" }, { usd: p.interfaceEndpointUsdPerAzHour, per: "AZ-hour" }),
    );
    if (ie.gbPerMonth !== undefined) {
      const processed = finite(where, "interfaceEndpoints.gbPerMonth", ie.gbPerMonth, { min: 0 });
      items.push(lineItem("network", "interface endpoint data", { amount: processed, unit: "GB" }, { usd: p.interfaceEndpointUsdPerGb, per: "GB" }));
    }
  }
  return finiteResult(where, items);
}
