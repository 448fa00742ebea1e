//go:build !purego

#include "textflag.h"

// The plain-arithmetic passes of the compressor's knee-only curve (kneeOnlyCurve and the
// release step), four frames per register. Each pass is short, so the CPU overlaps many
// frames; the exponentials and logarithms between them are expSlice and logSlice. Same
// operations in the same order as the Go loops (no FMA), so the results are the same bits.
// n is a multiple of 4.

// func kneeInAVX2(peak, x, t *float64, n int, lt, negKK float64)
// x = max(peak, lt), t = −kk·(x − lt)
TEXT ·kneeInAVX2(SB), NOSPLIT, $0-48
	MOVQ peak+0(FP), SI
	MOVQ x+8(FP), DI
	MOVQ t+16(FP), DX
	MOVQ n+24(FP), CX
	VBROADCASTSD lt+32(FP), Y8
	VBROADCASTSD negKK+40(FP), Y9
	XORQ AX, AX

kneeInLoop:
	CMPQ AX, CX
	JGE  kneeInDone
	VMOVUPD (SI)(AX*8), Y0
	VMAXPD Y0, Y8, Y0 // a NaN peak stays NaN, as with Go's max
	VMOVUPD Y0, (DI)(AX*8)
	VSUBPD Y8, Y0, Y0
	VMULPD Y0, Y9, Y0
	VMOVUPD Y0, (DX)(AX*8)
	ADDQ $4, AX
	JMP  kneeInLoop

kneeInDone:
	VZEROUPPER
	RET

// func kneeRatioAVX2(e, x, atten, l *float64, n int, lt, invKnee float64)
// atten = l = (lt + (1 − e)·invKnee) / x
TEXT ·kneeRatioAVX2(SB), NOSPLIT, $0-56
	MOVQ e+0(FP), SI
	MOVQ x+8(FP), BX
	MOVQ atten+16(FP), DI
	MOVQ l+24(FP), DX
	MOVQ n+32(FP), CX
	VBROADCASTSD lt+40(FP), Y8
	VBROADCASTSD invKnee+48(FP), Y9
	VMOVUPD kneeOne<>(SB), Y10
	XORQ AX, AX

kneeRatioLoop:
	CMPQ AX, CX
	JGE  kneeRatioDone
	VSUBPD (SI)(AX*8), Y10, Y0
	VMULPD Y9, Y0, Y0
	VADDPD Y0, Y8, Y0
	VDIVPD (BX)(AX*8), Y0, Y0
	VMOVUPD Y0, (DI)(AX*8)
	VMOVUPD Y0, (DX)(AX*8)
	ADDQ $4, AX
	JMP  kneeRatioLoop

kneeRatioDone:
	VZEROUPPER
	RET

// func releaseArgAVX2(l, v *float64, n int, negNepersToDB, scale float64)
// v = max(−l·20/ln10, 2)·scale: the exponent of the release rate from ln(attenuation)
TEXT ·releaseArgAVX2(SB), NOSPLIT, $0-40
	MOVQ l+0(FP), SI
	MOVQ v+8(FP), DI
	MOVQ n+16(FP), CX
	VBROADCASTSD negNepersToDB+24(FP), Y8
	VBROADCASTSD scale+32(FP), Y9
	VMOVUPD kneeTwo<>(SB), Y10
	XORQ AX, AX

releaseArgLoop:
	CMPQ AX, CX
	JGE  releaseArgDone
	VMULPD (SI)(AX*8), Y8, Y0
	VMAXPD Y0, Y10, Y0 // a NaN stays NaN, as with Go's max
	VMULPD Y9, Y0, Y0
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ $4, AX
	JMP  releaseArgLoop

releaseArgDone:
	VZEROUPPER
	RET

// func releaseStepAVX2(rq, rp, atten *float64, n int)
// with rate = rq − 1 (rq holding e^v): rq = 1 − rate, rp = atten·rate
TEXT ·releaseStepAVX2(SB), NOSPLIT, $0-32
	MOVQ rq+0(FP), SI
	MOVQ rp+8(FP), DI
	MOVQ atten+16(FP), DX
	MOVQ n+24(FP), CX
	VMOVUPD kneeOne<>(SB), Y10
	XORQ AX, AX

releaseStepLoop:
	CMPQ AX, CX
	JGE  releaseStepDone
	VMOVUPD (SI)(AX*8), Y0
	VSUBPD Y10, Y0, Y0
	VSUBPD Y0, Y10, Y1
	VMOVUPD Y1, (SI)(AX*8)
	VMULPD (DX)(AX*8), Y0, Y0
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ $4, AX
	JMP  releaseStepLoop

releaseStepDone:
	VZEROUPPER
	RET

DATA kneeOne<>+0x00(SB)/8, $0x3ff0000000000000
DATA kneeOne<>+0x08(SB)/8, $0x3ff0000000000000
DATA kneeOne<>+0x10(SB)/8, $0x3ff0000000000000
DATA kneeOne<>+0x18(SB)/8, $0x3ff0000000000000
GLOBL kneeOne<>(SB), RODATA|NOPTR, $32
DATA kneeTwo<>+0x00(SB)/8, $0x4000000000000000
DATA kneeTwo<>+0x08(SB)/8, $0x4000000000000000
DATA kneeTwo<>+0x10(SB)/8, $0x4000000000000000
DATA kneeTwo<>+0x18(SB)/8, $0x4000000000000000
GLOBL kneeTwo<>(SB), RODATA|NOPTR, $32

// func peakAVX2(pk *float64, src *float32, n int, first bool)
// pk = |src| (first) or max(pk, |src|), NaN if either is NaN as with Go's max.
TEXT ·peakAVX2(SB), NOSPLIT, $0-25
	MOVQ pk+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	MOVBLZX first+24(FP), DX
	VMOVUPD kneeAbs<>(SB), Y8
	XORQ AX, AX

peakLoop:
	CMPQ AX, CX
	JGE  peakDone
	VCVTPS2PD (SI)(AX*4), Y0
	VANDPD Y8, Y0, Y0
	TESTQ DX, DX
	JNZ  peakStore
	VMOVUPD (DI)(AX*8), Y1
	VMAXPD Y0, Y1, Y2
	VCMPPD $3, Y0, Y1, Y1 // unordered: either is NaN
	VORPD Y1, Y2, Y0

peakStore:
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ $4, AX
	JMP  peakLoop

peakDone:
	VZEROUPPER
	RET

// func applyGainAVX2(dst, src *float32, gain *float64, n int)
// dst = float32(float64(src)·gain)
TEXT ·applyGainAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ gain+16(FP), DX
	MOVQ n+24(FP), CX
	XORQ AX, AX

applyLoop:
	CMPQ AX, CX
	JGE  applyDone
	VCVTPS2PD (SI)(AX*4), Y0
	VMULPD (DX)(AX*8), Y0, Y0
	VCVTPD2PSY Y0, X0
	VMOVUPS X0, (DI)(AX*4)
	ADDQ $4, AX
	JMP  applyLoop

applyDone:
	VZEROUPPER
	RET

DATA kneeAbs<>+0x00(SB)/8, $0x7fffffffffffffff
DATA kneeAbs<>+0x08(SB)/8, $0x7fffffffffffffff
DATA kneeAbs<>+0x10(SB)/8, $0x7fffffffffffffff
DATA kneeAbs<>+0x18(SB)/8, $0x7fffffffffffffff
GLOBL kneeAbs<>(SB), RODATA|NOPTR, $32
