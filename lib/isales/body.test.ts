import { describe, expect, it } from "vitest";
import { buildMidresultBody, formatIsalesTime, serializeMidresultBody } from "./body";
import { midresultFieldOrder } from "./types";

describe("formatIsalesTime", () => {
  it("writes yyyy-MM-dd HH:mm:ss in the given zone", () => {
    const instant = new Date("2024-03-10T07:00:00Z");
    expect(formatIsalesTime(instant, "UTC")).toBe("2024-03-10 07:00:00");
    expect(formatIsalesTime(instant, "Asia/Shanghai")).toBe("2024-03-10 15:00:00");
  });

  it("follows New York across the spring-forward change", () => {
    expect(formatIsalesTime(new Date("2024-03-10T06:59:59Z"), "America/New_York")).toBe(
      "2024-03-10 01:59:59",
    );
    expect(formatIsalesTime(new Date("2024-03-10T07:00:00Z"), "America/New_York")).toBe(
      "2024-03-10 03:00:00",
    );
  });

  it("tells apart the two 01:30s of the autumn change only by the instant", () => {
    expect(formatIsalesTime(new Date("2024-11-03T05:30:00Z"), "America/New_York")).toBe(
      "2024-11-03 01:30:00",
    );
    expect(formatIsalesTime(new Date("2024-11-03T06:30:00Z"), "America/New_York")).toBe(
      "2024-11-03 01:30:00",
    );
    expect(formatIsalesTime(new Date("2024-11-03T07:30:00Z"), "America/New_York")).toBe(
      "2024-11-03 02:30:00",
    );
  });
});

describe("midresult body", () => {
  it("reproduces the vendor's example record byte for byte", () => {
    const body = buildMidresultBody(
      {
        subCCNo: 1,
        vdnId: 88,
        uniqueId: "21713676089219765504",
        serviceId: "1251250797",
        deviceType: 2,
        phoneNumber: "88889156",
      },
      "UTC",
    );
    expect(serializeMidresultBody(body)).toBe(
      '{"subCCNo":1,"vdnId":88,"uniqueId":"21713676089219765504","serviceId":"1251250797","status":"",' +
        '"deviceType":2,"phoneNumber":"88889156","failCode":"","asrResult":"","fetchTime":"",' +
        '"writeStartTime":"","endCallTime":"","callId":""}',
    );
  });

  it("writes a fully filled form with times in the configured zone and integer types", () => {
    const input = {
      subCCNo: 3,
      vdnId: 9999,
      uniqueId: "00000000000000000042",
      serviceId: "task-7",
      status: "6",
      deviceType: 5,
      phoneNumber: "0086*139#",
      failCode: "00000",
      asrResult: 'said "yes", then hung up',
      fetchTime: new Date("2024-03-10T06:30:00Z"),
      writeStartTime: new Date("2024-03-10T06:59:30Z"),
      endCallTime: new Date("2024-03-10T07:01:15Z"),
      callId: "1710054000-42",
    };
    const ny = buildMidresultBody(input, "America/New_York");
    expect(ny.fetchTime).toBe("2024-03-10 01:30:00");
    expect(ny.writeStartTime).toBe("2024-03-10 01:59:30");
    expect(ny.endCallTime).toBe("2024-03-10 03:01:15");
    const text = serializeMidresultBody(ny);
    expect(text).toBe(
      '{"subCCNo":3,"vdnId":9999,"uniqueId":"00000000000000000042","serviceId":"task-7","status":"6",' +
        '"deviceType":5,"phoneNumber":"0086*139#","failCode":"00000","asrResult":"said \\"yes\\", then hung up",' +
        '"fetchTime":"2024-03-10 01:30:00","writeStartTime":"2024-03-10 01:59:30",' +
        '"endCallTime":"2024-03-10 03:01:15","callId":"1710054000-42"}',
    );
    const parsed: Record<string, unknown> = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual([...midresultFieldOrder]);
    expect(Number.isInteger(parsed.subCCNo)).toBe(true);
    expect(Number.isInteger(parsed.vdnId)).toBe(true);
    expect(Number.isInteger(parsed.deviceType)).toBe(true);
    for (const key of midresultFieldOrder.filter((k) => !["subCCNo", "vdnId", "deviceType"].includes(k))) {
      expect(typeof parsed[key], key).toBe("string");
    }

    const shanghai = buildMidresultBody(input, "Asia/Shanghai");
    expect(shanghai.writeStartTime).toBe("2024-03-10 14:59:30");
    expect(shanghai.endCallTime).toBe("2024-03-10 15:01:15");
  });

  it("sends null and missing optional fields as empty strings, deviceType included", () => {
    const body = buildMidresultBody(
      {
        subCCNo: 1,
        vdnId: 2,
        uniqueId: "u",
        serviceId: "s",
        status: null,
        deviceType: null,
        fetchTime: null,
      },
      "UTC",
    );
    expect(body.deviceType).toBe("");
    expect(body.status).toBe("");
    expect(body.fetchTime).toBe("");
    expect(serializeMidresultBody(body)).toContain('"deviceType":""');
  });

  it("refuses to serialise a non-integer id rather than send a wrong type", () => {
    const body = buildMidresultBody({ subCCNo: 1.5, vdnId: 2, uniqueId: "u", serviceId: "s" }, "UTC");
    expect(() => serializeMidresultBody(body)).toThrow(TypeError);
  });
});
