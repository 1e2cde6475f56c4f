/**
 * The process variables every model uses for the same decision, so that the workspace's
 * decision buttons, the scenario tests and the README speak one vocabulary.
 */
export const V = {
  /** set by the checklist step: every required document is there */
  berkasLengkap: 'berkasLengkap',
  /** Samsat korektor: the NPPKB is checked and initialled */
  koreksiSetuju: 'koreksiSetuju',
  /** a section head's paraf (Samsat kasi; SIPEKA kasi) */
  parafKasiSetuju: 'parafKasiSetuju',
  /** SIPEKA kepala bidang's paraf */
  parafKabidSetuju: 'parafKabidSetuju',
  /** the signing head's approval (Samsat kepala UPT; SIPEKA kepala dinas) */
  pengesahanSetuju: 'pengesahanSetuju',
  /** BPHTB peneliti doubts the file or the amount paid → field research */
  perluPenelitianLapangan: 'perluPenelitianLapangan',
  /** BPHTB peneliti sees signs of underpayment → Seksi Penagihan */
  indikasiKurangBayar: 'indikasiKurangBayar',
  /** BPHTB Seksi Penagihan concludes the tax was underpaid → SPPDKB */
  kurangBayar: 'kurangBayar',
  /** Kaloran: the field check is needed ("cek lapangan atau tanpa cek lapangan") */
  perluCekLapangan: 'perluCekLapangan',
  /** Kaloran IMB: a meeting on the field check is needed */
  perluRapat: 'perluRapat',
  /** Kaloran: the recommendation accepts the application (otherwise a rejection letter) */
  permohonanDiterima: 'permohonanDiterima',
  /** Kaloran HO: the business must ask the related agency's recommendation (the applicant obtains it) */
  perluRekomendasiDinas: 'perluRekomendasiDinas',
  /** SIPEKA: the OPD teknis found no technical shortfall (else back to the applicant with their notes) */
  persyaratanTeknisLengkap: 'persyaratanTeknisLengkap',
  /** SIPEKA: every OPD teknis recommends the permit (else the rejection letter) */
  rekomendasiTeknisPositif: 'rekomendasiTeknisPositif',
  /** SIPEKA: Bapenda's tax clearance finds no arrears */
  pajakLunas: 'pajakLunas',
} as const;
