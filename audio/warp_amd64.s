//go:build !purego

#include "textflag.h"

// The compressor's gain warp, four frames per register: w = sin(π/2·clamp(g, 0, 1)) by the
// Taylor polynomial of sinQuarter (to x^15, error below 1e-9 … far under float32), then the
// gain applied to the output (w·makeup) and the metered one (max(w, 1e-12), whose log is taken
// next).

// func warpAVX2(gp, s *float64, n int, makeup float64)
TEXT ·warpAVX2(SB), NOSPLIT, $0-32
	MOVQ gp+0(FP), DI
	MOVQ s+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSD makeup+24(FP), Y14
	VMOVUPD warpK<>+0(SB), Y8   // π/2
	VMOVUPD warpK<>+32(SB), Y9  // 1
	VMOVUPD warpK<>+64(SB), Y10 // 1e-12
	VXORPD  Y11, Y11, Y11
	XORQ AX, AX

warpLoop:
	CMPQ AX, CX
	JGE  warpDone
	VMOVUPD (DI)(AX*8), Y0
	VMAXPD Y11, Y0, Y0
	VMINPD Y9, Y0, Y0
	VMULPD Y8, Y0, Y0 // x
	VMULPD Y0, Y0, Y1 // x²
	VMOVUPD warpK<>+96(SB), Y2
	VFMADD213PD warpK<>+128(SB), Y1, Y2
	VFMADD213PD warpK<>+160(SB), Y1, Y2
	VFMADD213PD warpK<>+192(SB), Y1, Y2
	VFMADD213PD warpK<>+224(SB), Y1, Y2
	VFMADD213PD warpK<>+256(SB), Y1, Y2
	VFMADD213PD warpK<>+288(SB), Y1, Y2
	VFMADD213PD Y9, Y1, Y2
	VMULPD Y0, Y2, Y2 // w
	VMAXPD Y10, Y2, Y3
	VMOVUPD Y3, (SI)(AX*8)
	VMULPD Y14, Y2, Y2
	VMOVUPD Y2, (DI)(AX*8)
	ADDQ $4, AX
	JMP  warpLoop

warpDone:
	VZEROUPPER
	RET

DATA warpK<>+0x000(SB)/8, $0x3ff921fb54442d18  // π/2
DATA warpK<>+0x008(SB)/8, $0x3ff921fb54442d18
DATA warpK<>+0x010(SB)/8, $0x3ff921fb54442d18
DATA warpK<>+0x018(SB)/8, $0x3ff921fb54442d18
DATA warpK<>+0x020(SB)/8, $0x3ff0000000000000  // 1
DATA warpK<>+0x028(SB)/8, $0x3ff0000000000000
DATA warpK<>+0x030(SB)/8, $0x3ff0000000000000
DATA warpK<>+0x038(SB)/8, $0x3ff0000000000000
DATA warpK<>+0x040(SB)/8, $0x3d719799812dea11  // 1e-12
DATA warpK<>+0x048(SB)/8, $0x3d719799812dea11
DATA warpK<>+0x050(SB)/8, $0x3d719799812dea11
DATA warpK<>+0x058(SB)/8, $0x3d719799812dea11
DATA warpK<>+0x060(SB)/8, $0xbd6ae7f3e733b81f  // -1/15!
DATA warpK<>+0x068(SB)/8, $0xbd6ae7f3e733b81f
DATA warpK<>+0x070(SB)/8, $0xbd6ae7f3e733b81f
DATA warpK<>+0x078(SB)/8, $0xbd6ae7f3e733b81f
DATA warpK<>+0x080(SB)/8, $0x3de6124613a86d09  // 1/13!
DATA warpK<>+0x088(SB)/8, $0x3de6124613a86d09
DATA warpK<>+0x090(SB)/8, $0x3de6124613a86d09
DATA warpK<>+0x098(SB)/8, $0x3de6124613a86d09
DATA warpK<>+0x0a0(SB)/8, $0xbe5ae64567f544e4  // -1/11!
DATA warpK<>+0x0a8(SB)/8, $0xbe5ae64567f544e4
DATA warpK<>+0x0b0(SB)/8, $0xbe5ae64567f544e4
DATA warpK<>+0x0b8(SB)/8, $0xbe5ae64567f544e4
DATA warpK<>+0x0c0(SB)/8, $0x3ec71de3a556c734  // 1/9!
DATA warpK<>+0x0c8(SB)/8, $0x3ec71de3a556c734
DATA warpK<>+0x0d0(SB)/8, $0x3ec71de3a556c734
DATA warpK<>+0x0d8(SB)/8, $0x3ec71de3a556c734
DATA warpK<>+0x0e0(SB)/8, $0xbf2a01a01a01a01a  // -1/7!
DATA warpK<>+0x0e8(SB)/8, $0xbf2a01a01a01a01a
DATA warpK<>+0x0f0(SB)/8, $0xbf2a01a01a01a01a
DATA warpK<>+0x0f8(SB)/8, $0xbf2a01a01a01a01a
DATA warpK<>+0x100(SB)/8, $0x3f81111111111111  // 1/5!
DATA warpK<>+0x108(SB)/8, $0x3f81111111111111
DATA warpK<>+0x110(SB)/8, $0x3f81111111111111
DATA warpK<>+0x118(SB)/8, $0x3f81111111111111
DATA warpK<>+0x120(SB)/8, $0xbfc5555555555555  // -1/3!
DATA warpK<>+0x128(SB)/8, $0xbfc5555555555555
DATA warpK<>+0x130(SB)/8, $0xbfc5555555555555
DATA warpK<>+0x138(SB)/8, $0xbfc5555555555555
GLOBL warpK<>(SB), RODATA|NOPTR, $320
